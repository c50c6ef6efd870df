package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.testing.CommittedRecords;
import io.micronaut.health.HealthStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that fails on everything, the known-good probe included, is down: no patch becomes a dead letter, the
 * task fails and retries (its transaction aborted), liveness says the model is down, and once the model is back
 * every patch is scored exactly once.
 */
class ModelDownTest {

    private static final int PATCHES = 20;

    @TempDir
    Path stateDir;

    @Test
    void aModelThatIsDownDeadLettersNothingAndLivenessGoesDown() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture(StreamingFixture.METHOD, OptionalInt.empty(),
                     real -> new FailingMethods.DownWhile(real, down))) {
            BrokerHarness harness = new BrokerHarness(kafka, 2);
            Properties props = harness.streamsProperties(stateDir);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
            StreamsMonitor monitor = new StreamsMonitor(Supervisions.fast(1000));
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                    new BatchPolicy(8, Duration.ofMillis(50)), monitor), props, fixture.meters(), monitor);
                 KafkaProducer<byte[], byte[]> producer = harness.producer()) {
                String topic = harness.topics.getPatches();
                for (int i = 0; i < PATCHES; i++) {
                    producer.send(new ProducerRecord<>(topic, ("patch-" + i).getBytes(),
                            fixture.bytes(topic, StreamingFixture.patch(i))));
                }
                producer.flush();

                assertTrue(Eventually.within(Duration.ofSeconds(60),
                        () -> streams.liveness().status() == HealthStatus.DOWN), "liveness DOWN while the model is down");
                assertTrue(String.valueOf(streams.liveness().details().get("model")).contains("down"),
                        streams.liveness().details().toString());
                List<DeadLetter> letters = CommittedRecords.read(kafka.bootstrapServers(),
                        harness.topics.getDeadLetters(), fixture.registry(), DeadLetter.class, v -> false,
                        Duration.ofSeconds(3));
                assertEquals(List.of(), letters.stream().map(Supervisions::key).toList(), "no dead letters");

                down.set(false);
                List<PatchScore> scores = harness.readScores(fixture.registry(), PATCHES);
                assertEquals(PATCHES, scores.size(), "every patch scored once the model is back");
                assertEquals(PATCHES, new TreeSet<>(scores.stream().map(PatchScore::getPatchId).toList()).size());
                assertTrue(Eventually.within(Duration.ofSeconds(10),
                        () -> streams.liveness().status() == HealthStatus.UP), streams.liveness().details().toString());
                assertEquals(List.of(), harness.readDeadLetters(fixture.registry(), 0));
            }
        }
    }
}
