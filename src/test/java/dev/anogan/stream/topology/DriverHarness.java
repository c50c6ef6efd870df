package dev.anogan.stream.topology;

import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.kafka.KafkaAvroDeserializer;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The scoring topology in a {@link TopologyTestDriver}, with its input and output topics. Closes the driver. */
final class DriverHarness implements AutoCloseable {

    static final Duration MAX_WAIT = Duration.ofMillis(100);

    private final StreamingFixture fixture;
    private final TopicsConfiguration topics = new TopicsConfiguration();
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> patches;
    final TestOutputTopic<byte[], PatchScore> scores;
    final TestOutputTopic<byte[], AnomalyAlert> alerts;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;

    DriverHarness(StreamingFixture fixture, int maxBatchSize) {
        this(fixture, fixture.topology(new TopicsConfiguration(), new BatchPolicy(maxBatchSize, MAX_WAIT)));
    }

    /** With a topology of {@code fixture} built otherwise (on the default topics). */
    DriverHarness(StreamingFixture fixture, org.apache.kafka.streams.Topology topology) {
        this.fixture = fixture;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology, props);
        patches = driver.createInputTopic(topics.getPatches(), new ByteArraySerializer(), new ByteArraySerializer());
        scores = driver.createOutputTopic(topics.getScores(), new ByteArrayDeserializer(),
                new KafkaAvroDeserializer<>(fixture.registry(), PatchScore.class));
        alerts = driver.createOutputTopic(topics.getAlerts(), new ByteArrayDeserializer(),
                new KafkaAvroDeserializer<>(fixture.registry(), AnomalyAlert.class));
        deadLetters = driver.createOutputTopic(topics.getDeadLetters(), new ByteArrayDeserializer(),
                new KafkaAvroDeserializer<>(fixture.registry(), DeadLetter.class));
    }

    /** Publishes {@code patch} keyed by its id, as a scanner would. */
    void send(ImagePatch patch) {
        patches.pipeInput(patch.getPatchId().getBytes(), fixture.bytes(topics.getPatches(), patch));
    }

    /** The registry the topology's records are written with. */
    InMemorySchemaRegistry registry() {
        return fixture.registry();
    }

    KeyValueStore<Long, SourceRecord> buffer() {
        return driver.getKeyValueStore(ScoringTopology.BUFFER_STORE);
    }

    @Override
    public void close() {
        driver.close();
    }
}
