package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.scoring.ImageSelection;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.serde.SubjectNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output the service cannot write while the stream runs — its own output schema refused by the registry (409),
 * an alert larger than its topic's {@code max.message.bytes} — is systemic, not the record's: the patch is not
 * dead-lettered, its score and alert are not committed (they share the aborted transaction), the failed stream
 * thread is replaced with back-off a bounded number of times, and then the application stops in a failed state that
 * liveness reports with the cause. The patches before it were scored and committed.
 */
class OutputRefusalTest {

    /**
     * The output topics' {@code max.message.bytes}: below an alert's three 28×28 float images (about 9.4 kB), far
     * above a score or a dead letter.
     */
    private static final int OUTPUT_TOPICS_LIMIT = 4096;

    @TempDir
    Path stateDir;

    @Test
    void anOutputSchemaRefusedWith409EndsInAFailedStateThatLivenessReports() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture()) {
            BrokerHarness harness = new BrokerHarness(kafka, 1);
            // Another writer's schema on the alerts' subject, which the service's AnomalyAlert cannot follow at the
            // registry's level (BACKWARD): the first alert's registration is refused.
            fixture.registry().register(SubjectNames.valueSubject(harness.topics.getAlerts()),
                    SchemaBuilder.record("AnomalyAlert").namespace("other.team").fields()
                            .requiredString("camera").endRecord());

            String failed = scoreANormalThenAnAnomalousPatch(kafka, fixture, harness);
            assertTrue(failed.contains("3 stream thread failures") && failed.contains("HTTP 409"), failed);
            assertTrue(failed.contains(harness.topics.getAlerts()), "names the topic: " + failed);
        }
    }

    @Test
    void anAlertOverItsTopicsMessageSizeEndsInAFailedStateThatLivenessReports() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture()) {
            BrokerHarness harness = new BrokerHarness(kafka.bootstrapServers(), 1,
                    Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(OUTPUT_TOPICS_LIMIT)));

            String failed = scoreANormalThenAnAnomalousPatch(kafka, fixture, harness);
            assertTrue(failed.contains("3 stream thread failures") && failed.contains("RecordTooLargeException"),
                    failed);
        }
    }

    /**
     * Streams a normal patch, waits for its score, then an anomalous one, whose alert the broker or registry
     * refuses; checks what downstream consumers see and returns why the application gave up, as liveness says.
     */
    private String scoreANormalThenAnAnomalousPatch(EmbeddedKafka kafka, StreamingFixture fixture,
                                                    BrokerHarness harness) throws Exception {
        ImagePatch normal = first(fixture, false);
        ImagePatch anomalous = first(fixture, true);
        StreamsMonitor monitor = new StreamsMonitor(Supervisions.fast(2));
        try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                new BatchPolicy(4, Duration.ofMillis(50)), monitor), harness.failingThreadProperties(stateDir),
                fixture.meters(), monitor);
             KafkaProducer<byte[], byte[]> producer = harness.producer()) {
            String topic = harness.topics.getPatches();
            producer.send(new ProducerRecord<>(topic, normal.getPatchId().getBytes(),
                    fixture.bytes(topic, normal))).get();
            assertEquals(List.of(normal.getPatchId()), harness.readScores(fixture.registry(), 1).stream()
                    .map(PatchScore::getPatchId).toList(), "the stream runs");
            producer.send(new ProducerRecord<>(topic, anomalous.getPatchId().getBytes(),
                    fixture.bytes(topic, anomalous))).get();

            String failed = Supervisions.awaitGaveUp(streams);
            assertEquals(List.of(normal.getPatchId()), harness.readNow(harness.topics.getScores(), fixture.registry(),
                    PatchScore.class).stream().map(PatchScore::getPatchId).toList(), "the anomalous patch's score "
                    + "aborts with its alert");
            assertEquals(List.of(), harness.readNow(harness.topics.getAlerts(), fixture.registry(),
                    AnomalyAlert.class));
            assertEquals(List.of(), harness.readNow(harness.topics.getDeadLetters(), fixture.registry(),
                    DeadLetter.class), "an output the service cannot write is not the record's fault");
            return failed;
        }
    }

    /** The first of the fixture's patches that the model scores anomalous, or normal. */
    private static ImagePatch first(StreamingFixture fixture, boolean anomalous) throws OrtException {
        List<ImagePatch> patches = StreamingFixture.patches(32);
        List<PatchVerdict> verdicts = fixture.scorer().score(patches.stream().map(PatchDecoder::toScoring).toList(),
                ImageSelection.NONE);
        for (int i = 0; i < patches.size(); i++) {
            if (verdicts.get(i).anomalous() == anomalous) {
                return patches.get(i);
            }
        }
        throw new AssertionError("the fixture needs " + (anomalous ? "anomalous" : "normal") + " patches");
    }
}
