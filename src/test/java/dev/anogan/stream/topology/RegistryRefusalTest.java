package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                    new BatchPolicy(4, Duration.ofMillis(50)), monitor, refusing.routing(fixture.client(), id -> true)),
                    harness.failingThreadProperties(stateDir), fixture.meters(), monitor);
                 KafkaProducer<byte[], byte[]> producer = harness.producer()) {
                String topic = harness.topics.getPatches();
                producer.send(new ProducerRecord<>(topic, "patch-0".getBytes(),
                        fixture.bytes(topic, StreamingFixture.patch(0)))).get();

                String failed = Supervisions.awaitGaveUp(streams);
                assertTrue(failed.contains("3 stream thread failures") && failed.contains("401"), failed);
                assertEquals(List.of(), harness.readNow(harness.topics.getDeadLetters(), fixture.registry(),
                        DeadLetter.class), "a refusing registry is not the record's fault");
            }
        }
    }
}
