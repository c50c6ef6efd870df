package dev.anogan.stream.topology;

import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.kafka.KafkaAvroSerializer;
import dev.anogan.stream.images.ImageAssembly;
import dev.anogan.stream.images.ImageTopology;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.model.Manifest.ModelInfo;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.scoring.ImageSelection;
import dev.anogan.stream.scoring.PatchMapper;
import dev.anogan.stream.scoring.ScoringBatcher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The scoring topology: {@code patches} (raw bytes) → {@code decode-and-validate} → {@code score-batch} (with its
 * buffer store) → {@code patch-scores}, {@code anomaly-alerts}; records that cannot be scored go from either
 * processor to {@code patches-dlq}; beside it, the image part ({@link ImageTopology}) reads those outputs and
 * publishes a verdict per image. Node names are fixed; topic names come from the configuration. The
 * {@code score-batch} processors of the tasks of one stream thread score their patches together
 * ({@link ThreadBatch}): each forwards its own results from its own context, at its next record or punctuation.
 */
public final class ScoringTopology {

    public static final String SOURCE = "patches";
    public static final String DECODE_PROCESSOR = "decode-and-validate";
    public static final String SCORE_PROCESSOR = "score-batch";
    public static final String BUFFER_STORE = "score-batch-buffer";
    public static final String SCORES_SINK = "patch-scores";
    public static final String ALERTS_SINK = "anomaly-alerts";
    public static final String DEAD_LETTER_SINK = "patches-dlq";

    private ScoringTopology() {
    }

    /**
     * Builds the topology. Everything passed in stays the caller's: the registry and the batcher must outlive the
     * {@link org.apache.kafka.streams.KafkaStreams} that runs the topology.
     *
     * @param model  the model's name (patches that ask for another are dead letters) and version
     * @param mapper checks that patches fit the model
     * @param maxMetadataBytes most bytes of a patch's metadata; larger: a dead letter
     * @param meters  where the dead letters are counted
     * @param monitor what the processors report their progress and the model's health to; pass the same to
     *                {@link ScoringStreams#start}
     * @param images  the image part ({@link ImageTopology}), fed by the scores and dead letters; empty: none
     */
    public static Topology build(TopicsConfiguration topics, SchemaRegistry registry, ModelInfo model,
                                 PatchMapper mapper, ScoringBatcher batcher, BatchPolicy policy, int maxMetadataBytes,
                                 MeterRegistry meters, StreamsMonitor monitor, Optional<ImageAssembly> images) {
        PatchDecoder decoder = new PatchDecoder(registry, mapper, model.name(), maxMetadataBytes);
        ScoreRecords records = new ScoreRecords(model, mapper, batcher.images() == ImageSelection.ALL);
        DeadLetters deadLetters = new DeadLetters(meters);
        StreamsBuilder builder = new StreamsBuilder();
        images.ifPresent(assembly -> ImageTopology.addTo(builder, topics, registry, model, assembly, meters));
        Topology topology = builder.build();
        // One batch per stream thread, shared by the thread's tasks (Kafka Streams runs a task on one thread).
        ThreadLocal<ThreadBatch> threadBatches = ThreadLocal.withInitial(() -> new ThreadBatch(batcher, policy));
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.getPatches());
        topology.addProcessor(DECODE_PROCESSOR, () -> new DecodeAndValidateProcessor(decoder, deadLetters, monitor), SOURCE);
        topology.addProcessor(SCORE_PROCESSOR,
                () -> new BatchScoringProcessor(decoder, batcher, threadBatches::get, records, deadLetters, policy,
                        monitor), DECODE_PROCESSOR);
        // In memory and changelogged: the buffer holds at most a batch, and is rebuilt from its changelog. Cached:
        // the cache goes to the changelog at each commit, in its transaction, so a patch buffered and scored
        // between two commits leaves only a tombstone there, not its bytes as well.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUFFER_STORE),
                Serdes.Long(), new SourceRecordSerde()).withCachingEnabled(), SCORE_PROCESSOR);
        topology.addSink(SCORES_SINK, topics.getScores(), new ByteArraySerializer(),
                new KafkaAvroSerializer<PatchScore>(registry), SCORE_PROCESSOR);
        topology.addSink(ALERTS_SINK, topics.getAlerts(), new ByteArraySerializer(),
                new KafkaAvroSerializer<AnomalyAlert>(registry), SCORE_PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, topics.getDeadLetters(), new ByteArraySerializer(),
                new KafkaAvroSerializer<DeadLetter>(registry), DECODE_PROCESSOR, SCORE_PROCESSOR);
        return topology;
    }
}
