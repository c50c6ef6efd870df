package dev.anogan.stream.topology;

import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.batching.BatchFailedException;
import dev.anogan.stream.scoring.PatchScore;
import dev.anogan.stream.scoring.ScoringBatcher;
import java.util.ArrayList;
import java.util.List;
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
 * outputs, the store's deletes and the input offsets commit in one transaction.
 *
 * <p>The store keeps the raw records ({@link SourceRecordSerde}), so that the changelog needs no registry and the
 * dead letters still carry the original bytes. Beside it, the processor keeps what it buffered in memory, decoded:
 * a flush neither decodes those patches again nor iterates the store (each store iterator registers and removes
 * a metric). Only records restored from the changelog, read from the store in {@link #init}, are decoded again at
 * their flush, with the writer's schema like fresh ones.
 *
 * <p>A batch that fails is scored again patch by patch, so that one patch the model cannot run does not hold up
 * the others; a patch that fails alone goes to the dead-letter topic as {@code SCORING_FAILED}. Owns nothing to
 * close: the batcher belongs to the application, the store to Kafka Streams.
 */
final class BatchScoringProcessor implements Processor<byte[], ValidPatch, byte[], SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScoringProcessor.class);

    private final PatchDecoder decoder;
    private final ScoringBatcher batcher;
    private final ScoreRecords records;
    private final DeadLetters deadLetters;
    private final BatchPolicy policy;
    /** In the store from before this task (re)started: not decoded yet. */
    private final List<SourceRecord> restored = new ArrayList<>();
    /** Put in the store since: the rest of the store's content, in offset order. */
    private final List<ValidPatch> buffered = new ArrayList<>();
    private ProcessorContext<byte[], SpecificRecord> context;
    private KeyValueStore<Long, SourceRecord> buffer;

    BatchScoringProcessor(PatchDecoder decoder, ScoringBatcher batcher, ScoreRecords records, DeadLetters deadLetters,
                          BatchPolicy policy) {
        this.decoder = decoder;
        this.batcher = batcher;
        this.records = records;
        this.deadLetters = deadLetters;
        this.policy = policy;
    }

    @Override
    public void init(ProcessorContext<byte[], SpecificRecord> context) {
        this.context = context;
        this.buffer = context.getStateStore(ScoringTopology.BUFFER_STORE);
        // Kafka Streams may init this instance again once it has wiped and restored the task's state (after an
        // aborted transaction): the lists start over from the store.
        restored.clear();
        buffered.clear();
        try (KeyValueIterator<Long, SourceRecord> all = buffer.all()) {
            all.forEachRemaining(entry -> restored.add(entry.value));
        }
        context.schedule(policy.maxBatchWait(), PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<byte[], ValidPatch> record) {
        buffer.put(record.value().source().offset(), record.value().source());
        buffered.add(record.value());
        if (restored.size() + buffered.size() >= policy.maxBatchSize()) {
            flush();
        }
    }

    private void flush() {
        if (restored.isEmpty() && buffered.isEmpty()) {
            return;
        }
        List<ValidPatch> valid = new ArrayList<>(restored.size() + buffered.size());
        for (SourceRecord source : restored) {
            try {
                valid.add(new ValidPatch(source, decoder.decode(source.value())));
            } catch (RejectedRecordException e) {
                // Only after a restart with another model or registry: the patch was valid when buffered.
                deadLetter(source, e.reason(), e.getMessage());
            }
        }
        valid.addAll(buffered);
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
        restored.forEach(source -> buffer.delete(source.offset()));
        buffered.forEach(patch -> buffer.delete(patch.source().offset()));
        restored.clear();
        buffered.clear();
    }

    /** One outcome per patch, in order. */
    private List<Outcome> score(List<ImagePatch> patches) {
        try {
            return batcher.score(patches.stream().map(PatchDecoder::toScoring).toList()).stream()
                    .map(score -> new Outcome(score, null)).toList();
        } catch (BatchFailedException e) {
            LOG.warn("A batch of {} patches failed; scoring them one by one: {}", patches.size(), e.getMessage());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        List<Outcome> outcomes = new ArrayList<>(patches.size());
        for (ImagePatch patch : patches) {
            try {
                outcomes.add(new Outcome(batcher.score(List.of(PatchDecoder.toScoring(patch))).get(0), null));
            } catch (BatchFailedException e) {
                outcomes.add(new Outcome(null, "the model failed on the patch alone: " + e.getMessage()));
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
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

    /** A patch's score, or why the model failed on it. */
    private record Outcome(PatchScore score, String failure) {
    }
}
