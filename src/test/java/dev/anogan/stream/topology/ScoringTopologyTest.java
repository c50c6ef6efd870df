package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.scoring.PatchVerdict;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/** Valid patches through the topology: one score each, as the scorer itself scores them, and alerts. */
@ExtendWith(PerClassFixture.class)
class ScoringTopologyTest {

    private static final int N = 16;
    private static StreamingFixture fixture;

    @BeforeAll
    static void start(StreamingFixture perClass) {
        fixture = perClass;
    }

    @Test
    void everyValidPatchGetsOneScoreEqualToTheScorersOwn() throws OrtException {
        List<ImagePatch> patches = StreamingFixture.patches(N);
        List<PatchVerdict> expected = expectedScores(patches);
        try (DriverHarness harness = new DriverHarness(fixture, N)) {
            patches.forEach(harness::send);
            List<TestRecord<byte[], PatchScore>> scores = harness.scores.readRecordsToList();
            assertEquals(N, scores.size());
            for (int i = 0; i < N; i++) {
                PatchScore score = scores.get(i).value();
                ImagePatch patch = patches.get(i);
                assertArrayEquals(patch.getPatchId().getBytes(), scores.get(i).key());
                assertEquals(patch.getPatchId(), score.getPatchId());
                assertEquals(patch.getCaptureTime(), score.getCaptureTime());
                assertEquals(patch.getMetadata(), score.getMetadata());
                assertEquals(fixture.modelName(), score.getModel());
                assertEquals(StreamingFixture.METHOD, score.getMethod());
                assertEquals(expected.get(i).score(), score.getScore(), 1e-4f * Math.abs(expected.get(i).score()));
                assertEquals(expected.get(i).anomalous(), score.getAnomalous());
                assertEquals(expected.get(i).threshold(), score.getThreshold());
                assertEquals(N, score.getBatchSize());
                assertNull(score.getAnomalyMap());
            }
            assertTrue(harness.deadLetters.isEmpty());
        }
    }

    @Test
    void anomalousPatchesAlsoRaiseAnAlertWithThePatchItsAnomalyMapAndReconstruction() throws OrtException {
        List<ImagePatch> patches = StreamingFixture.patches(N);
        List<PatchVerdict> expected = expectedScores(patches);
        List<String> anomalous = patches.stream().filter(p -> expected.get(patches.indexOf(p)).anomalous())
                .map(ImagePatch::getPatchId).toList();
        assertFalse(anomalous.isEmpty(), "the fixture needs anomalous patches");
        assertTrue(anomalous.size() < N, "the fixture needs normal patches");
        try (DriverHarness harness = new DriverHarness(fixture, N)) {
            patches.forEach(harness::send);
            Map<String, AnomalyAlert> alerts = harness.alerts.readValuesToList().stream()
                    .collect(Collectors.toMap(AnomalyAlert::getPatchId, Function.identity()));
            assertEquals(anomalous, alerts.keySet().stream().sorted(
                    (a, b) -> Integer.compare(index(a), index(b))).toList());
            for (String id : anomalous) {
                AnomalyAlert alert = alerts.get(id);
                PatchVerdict reference = expected.get(index(id));
                assertEquals(28, alert.getAnomalyMap().getWidth());
                assertEquals(1, alert.getAnomalyMap().getChannels());
                assertArrayEquals(reference.anomalyMap().orElseThrow(), floats(alert.getAnomalyMap().getValues()),
                        1e-4f);
                assertArrayEquals(reference.reconstruction().orElseThrow(),
                        floats(alert.getReconstruction().getValues()), 1e-4f);
                float[] seen = floats(alert.getPatch().getValues());
                float[] reconstruction = floats(alert.getReconstruction().getValues());
                float[] map = floats(alert.getAnomalyMap().getValues());
                for (int i = 0; i < map.length; i++) {
                    assertEquals(map[i], Math.abs(seen[i] - reconstruction[i]), 1e-4f, "map = |patch - G(z)| at " + i);
                }
            }
        }
    }

    @Test
    void theSerdesUseTheSchemaRegistryWithTopicSubjects() {
        try (DriverHarness harness = new DriverHarness(fixture, 1)) {
            StreamingFixture.patches(N).forEach(harness::send);
            harness.patches.pipeInput(new byte[] {1}, new byte[] {42});
        }
        assertTrue(fixture.registry().subjects().containsAll(
                List.of("patches-value", "patch-scores-value", "anomaly-alerts-value", "patches-dlq-value")),
                () -> fixture.registry().subjects().toString());
    }

    private static List<PatchVerdict> expectedScores(List<ImagePatch> patches)
            throws OrtException {
        return fixture.scorer().score(patches.stream().map(PatchDecoder::toScoring).toList(), true);
    }

    private static int index(String patchId) {
        return Integer.parseInt(patchId.substring("patch-".length()));
    }

    private static float[] floats(ByteBuffer littleEndian) {
        ByteBuffer buffer = littleEndian.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / Float.BYTES];
        buffer.asFloatBuffer().get(values);
        return values;
    }
}
