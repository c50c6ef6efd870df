package dev.anogan.stream.topology;

import dev.anogan.stream.batching.BatchFailedException;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.scoring.ScoringBatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * The buffered patches of all the tasks of one stream thread, scored as one batch: whichever task finds the
 * thread's batch full or due hands the shared batcher every member's buffered patches in one call and waits for
 * it, then gives each member its share of the results. Each member forwards its share later, from its own
 * processor context (a task's outputs must be forwarded by that task), at its next record or punctuation.
 *
 * <p>Before, each task flushed its own buffer with its own waiting call, so a thread holding several tasks waited
 * for several small batches in turn. One per stream thread (the topology keeps them in a {@link ThreadLocal});
 * used from that thread only, except that a member closed elsewhere may {@link #leave} it. Owns nothing to close.
 */
final class ThreadBatch {

    /** A task's side of the thread's batch. */
    interface Member {

        /** Patches buffered and not handed over yet. */
        int unsubmitted();

        /** When the oldest of them was buffered (the context's wall clock, ms); {@link Long#MAX_VALUE} when none. */
        long unsubmittedSinceMs();

        /** Hands over the buffered patches, in order; they count as in flight until {@link #receive} and forwarding. */
        List<Patch> handOver();

        /**
         * The results of what it handed over last: one verdict per patch, in order, or the batch's failure
         * (then {@code verdicts} is null).
         */
        void receive(List<PatchVerdict> verdicts, BatchFailedException failure);
    }

    private final ScoringBatcher batcher;
    private final BatchPolicy policy;
    private final Set<Member> members = ConcurrentHashMap.newKeySet();

    ThreadBatch(ScoringBatcher batcher, BatchPolicy policy) {
        this.batcher = batcher;
        this.policy = policy;
    }

    void join(Member member) {
        members.add(member);
    }

    void leave(Member member) {
        members.remove(member);
    }

    /** Whether the members together have a full batch buffered. */
    boolean full() {
        return members.stream().mapToInt(Member::unsubmitted).sum() >= policy.maxBatchSize();
    }

    /** Whether the oldest patch buffered by any member has waited {@link BatchPolicy#maxBatchWait()} at {@code nowMs}. */
    boolean due(long nowMs) {
        long oldest = members.stream().mapToLong(Member::unsubmittedSinceMs).min().orElse(Long.MAX_VALUE);
        return oldest != Long.MAX_VALUE && nowMs - oldest >= policy.maxBatchWait().toMillis();
    }

    /**
     * Scores every member's buffered patches in one call into the shared batcher, waiting for it (so that the
     * transaction open on this thread covers the scoring), and hands each member its share of the results.
     *
     * @throws StreamsException when interrupted: the patches stay buffered in the members' stores
     */
    void scoreAll() {
        List<Patch> patches = new ArrayList<>();
        List<Share> shares = new ArrayList<>();
        for (Member member : members) {
            if (member.unsubmitted() > 0) {
                int from = patches.size();
                patches.addAll(member.handOver());
                shares.add(new Share(member, from, patches.size()));
            }
        }
        if (shares.isEmpty()) {
            return;
        }
        List<PatchVerdict> verdicts;
        try {
            verdicts = batcher.score(patches);
        } catch (BatchFailedException e) {
            shares.forEach(share -> share.member().receive(null, e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("Interrupted while scoring a batch", e);
        }
        shares.forEach(share -> share.member().receive(verdicts.subList(share.from(), share.to()), null));
    }

    /** A member's patches in the thread's batch: {@code from} (inclusive) to {@code to}. */
    private record Share(Member member, int from, int to) {
    }
}
