package dev.anogan.stream.topology;

import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.batching.BatchFailedException;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.scoring.ScoringBatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.errors.StreamsException;
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
 * and scores them together when the batch is full or the wall-clock punctuator fires: a score for each, an alert
 * for each anomalous one, then they leave the store. The stream thread waits for the shared batcher, so the
 * outputs, the store's deletes and the input offsets commit in one transaction; each flush asks for that commit
 * at once, so that a transaction holds few flushes (its timeout is derived from the worst-case batch time).
 *
 * <p>The store keeps the raw records ({@link SourceRecordSerde}), so that the changelog needs no registry and the
 * dead letters still carry the original bytes. Beside it, the processor keeps what is buffered in memory, once per
 * (partition, offset): a flush neither decodes fresh patches again nor iterates the store (each store iterator
 * registers and removes a metric). Records restored from the changelog, read from the store in {@link #init}, are
 * decoded at their flush, with the writer's schema like fresh ones. Under at-least-once a record can be both
 * restored and consumed again after a crash: it is buffered, and scored, once.
 *
 * <p>A batch that fails is scored again patch by patch, each alone and straight on the scorer (not through the
 * shared batcher, where other threads' patches would join it). If some fail alone, a known-good probe patch tells
 * why: when the probe scores, the patches that failed alone go to the dead-letter topic as
 * {@code SCORING_FAILED}; when it fails too, the model is down and the task fails ({@link ModelUnavailableException}):
 * the transaction aborts, nothing is dead-lettered and the patches are scored once the model is back. Owns nothing
 * to close: the batcher belongs to the application, the store to Kafka Streams.
 */
final class BatchScoringProcessor implements Processor<byte[], ValidPatch, byte[], SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScoringProcessor.class);

    private final PatchDecoder decoder;
    private final ScoringBatcher batcher;
    private final ScoreRecords records;
    private final DeadLetters deadLetters;
    private final BatchPolicy policy;
    private final StreamsMonitor monitor;
    /**
     * The store's content in arrival order, once per input record: a {@link SourceRecord} restored from the
     * changelog (not decoded yet) or a {@link ValidPatch} put since.
     */
    private final Map<BufferKey, Object> pending = new LinkedHashMap<>();
    private ProcessorContext<byte[], SpecificRecord> context;
    private KeyValueStore<Long, SourceRecord> buffer;

    BatchScoringProcessor(PatchDecoder decoder, ScoringBatcher batcher, ScoreRecords records, DeadLetters deadLetters,
                          BatchPolicy policy, StreamsMonitor monitor) {
        this.decoder = decoder;
        this.batcher = batcher;
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
        // aborted transaction): the map starts over from the store.
        pending.clear();
        try (KeyValueIterator<Long, SourceRecord> all = buffer.all()) {
            all.forEachRemaining(entry -> pending.put(BufferKey.of(entry.value), entry.value));
        }
        context.schedule(policy.maxBatchWait(), PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<byte[], ValidPatch> record) {
        SourceRecord source = record.value().source();
        // A task reads one partition, so the offset alone keys the store (and keeps its changelog's format).
        buffer.put(source.offset(), source);
        // Replaces a restored copy of the same record (at-least-once, after a crash) in its place.
        pending.put(BufferKey.of(source), record.value());
        if (pending.size() >= policy.maxBatchSize()) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<ValidPatch> valid = new ArrayList<>(pending.size());
        for (Object entry : pending.values()) {
            if (entry instanceof ValidPatch patch) {
                valid.add(patch);
                continue;
            }
            SourceRecord source = (SourceRecord) entry;
            try {
                valid.add(new ValidPatch(source, decoder.decode(source.value())));
            } catch (RejectedRecordException e) {
                // Only after a restart with another model or registry: the patch was valid when buffered.
                deadLetter(source, e.reason(), e.getMessage());
            }
        }
        List<Outcome> outcomes = score(valid.stream().map(ValidPatch::patch).toList());
        long scoredAt = context.currentSystemTimeMs();
        for (int i = 0; i < valid.size(); i++) {
            SourceRecord source = valid.get(i).source();
            ImagePatch patch = valid.get(i).patch();
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
        pending.keySet().forEach(key -> buffer.delete(key.offset()));
        pending.clear();
        monitor.progressed();
        context.commit();
    }

    /** One outcome per patch, in order. */
    private List<Outcome> score(List<ImagePatch> patches) {
        if (patches.isEmpty()) {
            return List.of();
        }
        try {
            List<Outcome> scored = batcher.score(patches.stream().map(PatchDecoder::toScoring).toList()).stream()
                    .map(score -> new Outcome(score, null)).toList();
            monitor.modelUp();
            return scored;
        } catch (BatchFailedException e) {
            LOG.warn("A batch of {} patches failed; scoring them one by one: {}", patches.size(), e.getMessage());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
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
    /** The buffered patches; the transaction aborts, so they stay buffered for the next owner of the task. */
    private static StreamsException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new StreamsException("Interrupted while scoring a batch", e);
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

    /** A patch's score, or why the model failed on it. */
    private record Outcome(PatchVerdict score, String failure) {
    }
}
