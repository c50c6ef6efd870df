package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.testing.CommittedRecords;
import io.micronaut.health.HealthStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import dev.anogan.stream.kafka.StreamsConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that refuses the service (401) is a systemic problem, not the record's: the record is not
 * dead-lettered, the failed stream thread is replaced with back-off a bounded number of times, and then the
 * application stops in a failed state that liveness reports with the cause.
 */
class RegistryRefusalTest {

    @TempDir
    Path stateDir;

    @Test
    void aRegistryAnswering401EndsInAFailedStateThatLivenessReports() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture();
             StubSchemaServer refusing = new StubSchemaServer(401,
                     "{\"error_code\":401,\"message\":\"Unauthorized\"}")) {
            BrokerHarness harness = new BrokerHarness(kafka, 1);
            StreamsMonitor monitor = new StreamsMonitor(Supervisions.fast(2));
            // A failed thread does not leave the group: its replacement waits out the session timeout (the
            // service's default for dynamic members, not Kafka's 45 s).
            Properties props = harness.streamsProperties(stateDir);
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                    (int) StreamsConfiguration.DYNAMIC_SESSION_TIMEOUT.toMillis());
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                    new BatchPolicy(4, Duration.ofMillis(50)), monitor, refusing.routing(fixture.client(), id -> true)),
                    props, fixture.meters(), monitor);
                 KafkaProducer<byte[], byte[]> producer = harness.producer()) {
                String topic = harness.topics.getPatches();
                producer.send(new ProducerRecord<>(topic, "patch-0".getBytes(),
                        fixture.bytes(topic, StreamingFixture.patch(0)))).get();

                assertTrue(Eventually.within(Duration.ofSeconds(90),
                        () -> streams.liveness().status() == HealthStatus.DOWN), streams.liveness().details().toString());
                assertTrue(Eventually.within(Duration.ofSeconds(10), () -> streams.state() == KafkaStreams.State.ERROR),
                        "stopped: " + streams.state());
                String failed = String.valueOf(streams.liveness().details().get("failed"));
                assertTrue(failed.contains("3 stream thread failures") && failed.contains("401"), failed);
                List<DeadLetter> letters = CommittedRecords.read(kafka.bootstrapServers(),
                        harness.topics.getDeadLetters(), fixture.registry(), DeadLetter.class, v -> false,
                        Duration.ofSeconds(2));
                assertEquals(0, letters.size(), "a refusing registry is not the record's fault");
            }
        }
    }
}
