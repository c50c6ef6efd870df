package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import io.micronaut.health.HealthStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness reflects whether the instance can make progress, not only Kafka Streams' state: DOWN while the broker
 * is away, and DOWN while its partitions have lag and nothing moves.
 */
class ReadinessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void readinessIsDownWhileTheBrokerIsAway() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
        try (StreamingFixture fixture = new StreamingFixture()) {
            BrokerHarness harness = new BrokerHarness(kafka, 1);
            StreamsMonitor monitor = new StreamsMonitor(Supervisions.withProgressTimeout(Duration.ofMinutes(5)));
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                    new BatchPolicy(4, Duration.ofMillis(50)), monitor), harness.streamsProperties(stateDir),
                    fixture.meters(), monitor)) {
                assertTrue(Eventually.within(WAIT, () -> streams.readiness().status() == HealthStatus.UP),
                        "ready: " + streams.readiness().details());

                kafka.close();

                assertTrue(Eventually.within(Duration.ofSeconds(20),
                        () -> streams.readiness().status() == HealthStatus.DOWN), "not ready without a broker");
                assertTrue(streams.readiness().details().containsKey("broker"), streams.readiness().details().toString());
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void readinessIsDownWhilePartitionsWithLagMakeNoProgress() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture(StreamingFixture.METHOD, OptionalInt.empty(),
                     real -> new FailingMethods.BlocksUntil(real, release))) {
            BrokerHarness harness = new BrokerHarness(kafka, 1);
            StreamsMonitor monitor = new StreamsMonitor(Supervisions.withProgressTimeout(Duration.ofSeconds(2)));
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                    new BatchPolicy(4, Duration.ofMillis(50)), monitor), harness.streamsProperties(stateDir),
                    fixture.meters(), monitor);
                 KafkaProducer<byte[], byte[]> producer = harness.producer()) {
                assertTrue(Eventually.within(WAIT, () -> streams.readiness().status() == HealthStatus.UP),
                        "ready: " + streams.readiness().details());
                String topic = harness.topics.getPatches();
                for (int i = 0; i < 12; i++) {
                    producer.send(new ProducerRecord<>(topic, ("patch-" + i).getBytes(),
                            fixture.bytes(topic, StreamingFixture.patch(i)))).get();
                }

                assertTrue(Eventually.within(WAIT, () -> streams.readiness().status() == HealthStatus.DOWN),
                        "not ready while stalled: " + streams.readiness().details());
                assertTrue(streams.readiness().details().containsKey("stalled"), streams.readiness().details().toString());

                release.countDown();
                assertTrue(Eventually.within(WAIT, () -> streams.readiness().status() == HealthStatus.UP),
                        "ready again: " + streams.readiness().details());
            } finally {
                release.countDown();
            }
        }
    }
}
