package dev.anogan.stream.topology;

import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.batching.BatchFailedException;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.scoring.ScoringBatcher;
import dev.anogan.stream.scoring.Patch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers valid patches in the changelogged store {@link ScoringTopology#BUFFER_STORE} (keyed by input offset)
 * until its stream thread's batch ({@link ThreadBatch}: the buffered patches of all the tasks of the thread) is
 * full or its oldest patch has waited the batch wait; then the thread scores them all in one call of the shared
 * batcher and each task forwards its own: a score for each, an alert for each anomalous one, then they leave the
 * store. The stream thread waits for the batcher, so the outputs, the store's deletes and the input offsets commit
 * in one transaction; each forwarding asks for that commit at once, so that a transaction holds few batches (its
 * timeout is derived from the worst-case batch time).
 *
 * <p>A task's results come back while another task of the thread is running, whose processor context cannot
 * forward them: they wait in {@link #handed} until this task's next record or punctuation (every
 * {@link BatchPolicy#checkInterval()}), which forwards them in this task's context. Until then the patches stay in
 * the store, so a crash or a revocation in between loses nothing: the next owner scores them again.
 *
 * <p>The store keeps the raw records ({@link SourceRecordSerde}), so that the changelog needs no registry and the
 * dead letters still carry the original bytes. Beside it, the processor keeps what is buffered in memory, once per
 * (partition, offset): a batch neither decodes fresh patches again nor iterates the store (each store iterator
 * registers and removes a metric). Records restored from the changelog, read from the store in {@link #init}, are
 * decoded when handed over, with the writer's schema like fresh ones. Under at-least-once a record can be both
 * restored and consumed again after a crash: it is buffered, and scored, once.
 *
 * <p>A batch that fails is scored again patch by patch, each task its own, each patch alone and straight on the
 * scorer (not through the shared batcher, where other threads' patches would join it). If some fail alone, a
 * known-good probe patch tells why: when the probe scores, the patches that failed alone go to the dead-letter
 * topic as {@code SCORING_FAILED}; when it fails too, the model is down and the task fails
 * ({@link ModelUnavailableException}): the transaction aborts, nothing is dead-lettered and the patches are scored
 * once the model is back. Owns nothing to close: the batcher belongs to the application, the store to Kafka
 * Streams, the thread's batch to its thread.
 */
final class BatchScoringProcessor implements Processor<byte[], ValidPatch, byte[], SpecificRecord>, ThreadBatch.Member {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScoringProcessor.class);

    private final PatchDecoder decoder;
    private final ScoringBatcher batcher;
    private final Supplier<ThreadBatch> threadBatches;
    private final ScoreRecords records;
    private final DeadLetters deadLetters;
    private final BatchPolicy policy;
    private final StreamsMonitor monitor;
    /**
     * The buffered records not handed over yet, in arrival order, once per input record: a {@link SourceRecord}
     * restored from the changelog (not decoded yet) or a {@link ValidPatch} put since.
     */
    private final Map<BufferKey, Object> unsubmitted = new LinkedHashMap<>();
    /** Handed over to the thread's batch and not forwarded yet (the last one, while the batch runs, without results). */
    private final Deque<Handed> handed = new ArrayDeque<>();
    /** The keys of {@link #handed}: a record consumed again while in flight is not buffered twice. */
    private final Set<BufferKey> inFlight = new HashSet<>();
    private long unsubmittedSinceMs = Long.MAX_VALUE;
    private ThreadBatch joined;
    private ProcessorContext<byte[], SpecificRecord> context;
    private KeyValueStore<Long, SourceRecord> buffer;

    /** @param threadBatches the batch of the calling stream thread */
    BatchScoringProcessor(PatchDecoder decoder, ScoringBatcher batcher, Supplier<ThreadBatch> threadBatches,
                          ScoreRecords records, DeadLetters deadLetters, BatchPolicy policy, StreamsMonitor monitor) {
        this.decoder = decoder;
        this.batcher = batcher;
        this.threadBatches = threadBatches;
        this.records = records;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.monitor = monitor;
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
        this.buffer = context.getStateStore(ScoringTopology.BUFFER_STORE);
        // Kafka Streams may init this instance again once it has wiped and restored the task's state (after an
        // aborted transaction): the buffer starts over from the store.
        unsubmitted.clear();
        handed.clear();
        inFlight.clear();
        unsubmittedSinceMs = Long.MAX_VALUE;
        try (KeyValueIterator<Long, SourceRecord> all = buffer.all()) {
            all.forEachRemaining(entry -> unsubmitted.put(BufferKey.of(entry.value), entry.value));
        }
        if (!unsubmitted.isEmpty()) {
            unsubmittedSinceMs = context.currentSystemTimeMs();
        }
        context.schedule(policy.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<byte[], ValidPatch> record) {
        ThreadBatch thread = threadBatch();
        SourceRecord source = record.value().source();
        // A task reads one partition, so the offset alone keys the store (and keeps its changelog's format).
        buffer.put(source.offset(), source);
        BufferKey key = BufferKey.of(source);
        // Replaces a restored copy of the same record (at-least-once, after a crash) in its place, unless that
        // copy is already in flight.
        if (!inFlight.contains(key)) {
            if (unsubmitted.isEmpty()) {
                unsubmittedSinceMs = context.currentSystemTimeMs();
            }
            unsubmitted.put(key, record.value());
        }
        if (thread.full()) {
            thread.scoreAll();
        }
        forwardReceived();
    }

    private void punctuate(long nowMs) {
        ThreadBatch thread = threadBatch();
        if (thread.due(nowMs)) {
            thread.scoreAll();
        }
        forwardReceived();
    }

    /** The calling stream thread's batch, joined (Kafka Streams runs a task's processing on its thread). */
    private ThreadBatch threadBatch() {
        ThreadBatch current = threadBatches.get();
        if (current != joined) {
            if (joined != null) {
                joined.leave(this);
            }
            current.join(this);
            joined = current;
        }
        return current;
    }

    @Override
    public void close() {
        if (joined != null) {
            joined.leave(this);
            joined = null;
        }
    }

    @Override
    public int unsubmitted() {
        return unsubmitted.size();
    }

    @Override
    public long unsubmittedSinceMs() {
        return unsubmittedSinceMs;
    }

    @Override
    public List<Patch> handOver() {
        List<ValidPatch> valid = new ArrayList<>(unsubmitted.size());
        List<Rejected> rejected = new ArrayList<>();
        for (Object entry : unsubmitted.values()) {
            if (entry instanceof ValidPatch patch) {
                valid.add(patch);
                continue;
            }
            SourceRecord source = (SourceRecord) entry;
            try {
                valid.add(new ValidPatch(source, decoder.decode(source.value())));
            } catch (RejectedRecordException e) {
                // Only after a restart with another model or registry: the patch was valid when buffered.
                rejected.add(new Rejected(source, e.reason(), e.getMessage()));
            }
        }
        handed.addLast(new Handed(List.copyOf(unsubmitted.keySet()), valid, rejected, null, null));
        inFlight.addAll(unsubmitted.keySet());
        unsubmitted.clear();
        unsubmittedSinceMs = Long.MAX_VALUE;
        return valid.stream().map(patch -> PatchDecoder.toScoring(patch.patch())).toList();
    }

    @Override
    public void receive(List<PatchVerdict> verdicts, BatchFailedException failure) {
        handed.addLast(handed.removeLast().withResults(verdicts, failure));
    }

    /** Forwards, in this task's context, every batch its thread has scored for it; then asks for a commit. */
    private void forwardReceived() {
        if (handed.isEmpty()) {
            return;
        }
        while (!handed.isEmpty()) {
            Handed done = handed.removeFirst();
            forward(done);
            done.keys().forEach(key -> buffer.delete(key.offset()));
            inFlight.removeAll(done.keys());
        }
        monitor.progressed();
        context.commit();
    }

    private void forward(Handed handed) {
        handed.rejected().forEach(r -> deadLetter(r.source(), r.reason(), r.text()));
        List<Outcome> outcomes = outcomes(handed);
        long scoredAt = context.currentSystemTimeMs();
        for (int i = 0; i < handed.valid().size(); i++) {
            SourceRecord source = handed.valid().get(i).source();
            ImagePatch patch = handed.valid().get(i).patch();
            Outcome outcome = outcomes.get(i);
            if (outcome.score() == null) {
                deadLetter(source, DeadLetterReason.SCORING_FAILED, outcome.failure());
                continue;
            }
            context.forward(new Record<>(source.key(), records.score(patch, outcome.score(), scoredAt),
                    source.timestamp()), ScoringTopology.SCORES_SINK);
            if (outcome.score().anomalous()) {
                context.forward(new Record<>(source.key(), records.alert(patch, outcome.score(), scoredAt),
                        source.timestamp()), ScoringTopology.ALERTS_SINK);
            }
        }
    }

    /** One outcome per valid patch, in order: the thread's batch's verdicts, or each patch alone after it failed. */
    private List<Outcome> outcomes(Handed handed) {
        if (handed.failure() == null) {
            if (!handed.results().isEmpty()) {
                monitor.modelUp();
            }
            return handed.results().stream().map(score -> new Outcome(score, null)).toList();
        }
        LOG.warn("A batch with {} of this task's patches failed; scoring them one by one: {}", handed.valid().size(),
                handed.failure().getMessage());
        return scoreEachAlone(handed.valid().stream().map(ValidPatch::patch).toList());
    }

    /** Each patch alone, straight on the scorer; fails the task when the model is down. */
    private List<Outcome> scoreEachAlone(List<ImagePatch> patches) {
        List<Outcome> outcomes = new ArrayList<>(patches.size());
        Exception lastFailure = null;
        for (ImagePatch patch : patches) {
            try {
                outcomes.add(new Outcome(batcher.scoreAlone(PatchDecoder.toScoring(patch)), null));
            } catch (Exception e) {
                lastFailure = e;
                outcomes.add(new Outcome(null, "the model failed on the patch alone: " + e));
            }
        }
        if (lastFailure != null && !batcher.probe()) {
            monitor.modelDown(String.valueOf(lastFailure));
            throw new ModelUnavailableException("The model fails on a known-good patch too (it is down, not the "
                    + "patches); the batch of " + patches.size() + " stays buffered: " + lastFailure, lastFailure);
        }
        monitor.modelUp();
        return outcomes;
    }

    private void deadLetter(SourceRecord source, DeadLetterReason reason, String text) {
        context.forward(new Record<>(source.key(), deadLetters.of(source, reason, text, context.currentSystemTimeMs()),
                source.timestamp()), ScoringTopology.DEAD_LETTER_SINK);
    }

    /** Where an input record came from: what identifies it, once, in the buffer. */
    private record BufferKey(int partition, long offset) {

        static BufferKey of(SourceRecord source) {
            return new BufferKey(source.partition(), source.offset());
        }
    }

    /** A restored record that no longer decodes: a dead letter, forwarded with its batch. */
    private record Rejected(SourceRecord source, DeadLetterReason reason, String text) {
    }

    /**
     * Records handed over to the thread's batch, and their results once received: the verdicts of the valid ones
     * in order, or the batch's failure.
     */
    private record Handed(List<BufferKey> keys, List<ValidPatch> valid, List<Rejected> rejected,
                          List<PatchVerdict> results, BatchFailedException failure) {

        Handed withResults(List<PatchVerdict> verdicts, BatchFailedException failed) {
            return new Handed(keys, valid, rejected, verdicts, failed);
        }
    }

    /** A patch's score, or why the model failed on it. */
    private record Outcome(PatchVerdict score, String failure) {
    }
}
