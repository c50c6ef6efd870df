package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.TestRegistries;
import dev.anogan.stream.serde.AvroRecordSerializer;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service starts the streams application when bootstrap servers are configured, and stops it with itself. */
class StreamsFactoryTest {

    @TempDir
    Path stateDir;

    @Test
    void withoutBootstrapServersThereIsNoStreamsApplication() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            assertFalse(ctx.containsBean(ScoringStreams.class));
        }
    }

    @Test
    void withBootstrapServersTheServiceScoresPatchesFromKafka() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             InMemorySchemaRegistry registry = TestRegistries.startInMemory()) {
            BrokerHarness harness = new BrokerHarness(kafka, 1);
            ScoringStreams streams;
            try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                    "anogan.streams.bootstrap-servers", kafka.bootstrapServers(),
                    "anogan.streams.application-id", harness.applicationId,
                    "anogan.streams.state-dir", stateDir.toString(),
                    "anogan.streams.properties.commit.interval.ms", "100",
                    "anogan.registry.url", registry.url(),
                    "anogan.scoring.method", StreamingFixture.METHOD,
                    "anogan.topics.patches", harness.topics.getPatches(),
                    "anogan.topics.scores", harness.topics.getScores(),
                    "anogan.topics.alerts", harness.topics.getAlerts(),
                    "anogan.topics.dead-letters", harness.topics.getDeadLetters()))) {
                streams = ctx.getBean(ScoringStreams.class);
                ImagePatch patch = StreamingFixture.patch(0);
                try (KafkaProducer<byte[], byte[]> producer = harness.producer()) {
                    producer.send(new ProducerRecord<>(harness.topics.getPatches(), patch.getPatchId().getBytes(),
                            new AvroRecordSerializer<ImagePatch>(registry).serialize(harness.topics.getPatches(), patch)));
                }
                List<PatchScore> scores = harness.readScores(registry, 1);
                assertEquals(List.of(patch.getPatchId()), scores.stream().map(PatchScore::getPatchId).toList());
            }
            assertEquals(KafkaStreams.State.NOT_RUNNING, streams.state());
        }
    }
}
