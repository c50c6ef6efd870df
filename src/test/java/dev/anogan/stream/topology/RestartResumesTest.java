package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.kafka.StreamsConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import dev.anogan.stream.avro.PatchScore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance stopped and started again (a rolling restart) resumes scoring within seconds: the closing instance
 * leaves the consumer group, so the new one does not wait out its session timeout (Kafka's 45 s).
 */
class RestartResumesTest {

    private static final Duration RESUME_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path stateDir;

    @Test
    void aRestartedInstanceResumesScoringWithin15Seconds() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture()) {
            BrokerHarness harness = new BrokerHarness(kafka, 1);
            // The service's own Kafka Streams settings, as StreamsFactory makes them.
            StreamsConfiguration config = new StreamsConfiguration();
            config.setApplicationId(harness.applicationId);
            config.setBootstrapServers(kafka.bootstrapServers());
            config.setStateDir(stateDir.toString());
            config.setNumStreamThreads(1);
            Properties props = config.streamsProperties();
            BatchPolicy policy = new BatchPolicy(4, Duration.ofMillis(50));
            try (KafkaProducer<byte[], byte[]> producer = harness.producer();
                 KafkaConsumer<byte[], PatchScore> scores = harness.consumer(fixture.registry(), PatchScore.class)) {
                scores.subscribe(List.of(harness.topics.getScores()));
                Set<String> seen = new HashSet<>();
                try (ScoringStreams first = ScoringStreams.start(fixture.topology(harness.topics, policy), props,
                        fixture.meters(), fixture.monitor())) {
                    send(producer, harness, fixture, 0, 4);
                    assertTrue(pollUntil(scores, seen, 4, Duration.ofSeconds(90)), "the first instance scores");
                }
                long restarted = System.nanoTime();
                try (ScoringStreams second = ScoringStreams.start(fixture.topology(harness.topics, policy), props,
                        fixture.meters(), fixture.monitor())) {
                    send(producer, harness, fixture, 4, 8);
                    boolean resumed = pollUntil(scores, seen, 8, RESUME_WITHIN);
                    Duration took = Duration.ofNanos(System.nanoTime() - restarted);
                    System.out.printf("restart: scoring resumed after %d ms%n", took.toMillis());
                    assertTrue(resumed && took.compareTo(RESUME_WITHIN) <= 0, "resumed after " + took);
                }
            }
        }
    }

    /** Whether {@code distinct} patch ids have been scored within {@code timeout}. */
    private static boolean pollUntil(KafkaConsumer<byte[], PatchScore> consumer, Set<String> seen, int distinct,
                                     Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < distinct && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], PatchScore> r : consumer.poll(Duration.ofMillis(100))) {
                seen.add(r.value().getPatchId());
            }
        }
        return seen.size() >= distinct;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, BrokerHarness harness, StreamingFixture fixture,
                             int from, int to) throws Exception {
        String topic = harness.topics.getPatches();
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(topic, ("patch-" + i).getBytes(),
                    fixture.bytes(topic, StreamingFixture.patch(i)))).get();
        }
    }
}
