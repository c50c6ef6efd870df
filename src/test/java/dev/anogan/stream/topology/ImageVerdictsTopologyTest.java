package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.AnomalousPatch;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.ImageStatus;
import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.images.AssemblyPolicy;
import dev.anogan.stream.images.ImageTopology;
import dev.anogan.stream.kafka.KafkaAvroDeserializer;
import dev.anogan.stream.kafka.TopicsConfiguration;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tiles of an image are gathered into one {@code ImageVerdict}: scored and dead-lettered tiles counted, the
 * stitched map made of the patches' own maps, the image judged by the fallback rule (the committed bundle has no
 * image calibration); patches without a geometry are scored exactly as before and make no verdict.
 */
@ExtendWith(PerClassFixture.class)
class ImageVerdictsTopologyTest {

    static final AssemblyPolicy POLICY = new AssemblyPolicy(Duration.ofSeconds(30), 100, 256,
            Duration.ofMinutes(10), Duration.ofSeconds(1));

    @Test
    void anImageWhoseTilesAreAllScoredGetsOneCompleteVerdictWithTheirStitchedMap(StreamingFixture fixture) {
        try (DriverHarness harness = harness(fixture, POLICY)) {
            // trousers (normal) and other garments, 3 columns x 2 rows
            List<ImagePatch> tiles = ImageTiles.image("img-1", 3, 2, 3, 0, 5, 1, 4);
            tiles.forEach(harness::send);
            Map<String, PatchScore> scores = harness.scores.readValuesToList().stream()
                    .collect(Collectors.toMap(PatchScore::getPatchId, Function.identity()));
            List<ImageVerdict> verdicts = verdicts(harness).readValuesToList();

            assertEquals(1, verdicts.size());
            ImageVerdict verdict = verdicts.get(0);
            assertEquals(ImageStatus.COMPLETE, verdict.getStatus());
            assertEquals(List.of(6, 6, 0, 0), List.of(verdict.getPatchesExpected(), verdict.getPatchesScored(),
                    verdict.getPatchesDeadLettered(), verdict.getPatchesMissing()));
            assertEquals(84, verdict.getAnomalyMap().getWidth());
            assertEquals(56, verdict.getAnomalyMap().getHeight());
            assertEquals(1, verdict.getMapScale());
            float[] map = floats(verdict.getAnomalyMap().getValues());
            for (ImagePatch tile : tiles) {
                float[] own = floats(scores.get(tile.getPatchId()).getAnomalyMap().getValues());
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        assertEquals(own[y * 28 + x], map[(tile.getY() + y) * 84 + tile.getX() + x], 1e-6f);
                    }
                }
            }
            double maxScore = scores.values().stream().mapToDouble(PatchScore::getScore).max().orElseThrow();
            assertEquals(maxScore, verdict.getScore(), 1e-6);
            assertEquals("max-patch-score", verdict.getAggregation());
            assertFalse(verdict.getImageCalibrated());
            assertEquals(fixture.scorer().calibration().threshold(), verdict.getThreshold());
            assertEquals(maxScore > verdict.getThreshold(), verdict.getAnomalous());
            List<String> anomalous = scores.values().stream().filter(PatchScore::getAnomalous)
                    .sorted(Comparator.comparingDouble(PatchScore::getScore).reversed())
                    .map(PatchScore::getPatchId).toList();
            assertFalse(anomalous.isEmpty(), "the test image has no anomalous tile: nothing was tested");
            assertEquals(anomalous, verdict.getAnomalousPatches().stream().map(AnomalousPatch::getPatchId).toList());
            assertTrue(verdict.getAnomalous());
        }
    }

    @Test
    void aDeadLetteredTileIsCountedAndTheImageStillCompletes(StreamingFixture fixture) {
        try (DriverHarness harness = harness(fixture, POLICY)) {
            List<ImagePatch> tiles = ImageTiles.image("img-2", 2, 1, 2, 3);
            tiles.get(1).setPixels(ByteBuffer.wrap(new byte[10]));
            tiles.forEach(harness::send);
            assertEquals(DeadLetterReason.BYTE_COUNT_MISMATCH, harness.deadLetters.readValue().getReason());
            ImageVerdict verdict = verdicts(harness).readValue();
            assertEquals(ImageStatus.COMPLETE, verdict.getStatus());
            assertEquals(List.of(3, 2, 1, 0), List.of(verdict.getPatchesExpected(), verdict.getPatchesScored(),
                    verdict.getPatchesDeadLettered(), verdict.getPatchesMissing()));
            float[] map = floats(verdict.getAnomalyMap().getValues());
            assertTrue(Float.isNaN(map[28]), "the dead-lettered tile's pixels are covered by no scored patch");
            assertFalse(Float.isNaN(map[0]));
        }
    }

    @Test
    void patchesWithoutGeometryAreScoredAsBeforeAndMakeNoVerdict(StreamingFixture fixture) {
        try (DriverHarness harness = harness(fixture, POLICY)) {
            StreamingFixture.patches(6).forEach(harness::send);
            List<PatchScore> scores = harness.scores.readValuesToList();
            assertEquals(6, scores.size());
            scores.forEach(score -> {
                assertNull(score.getAnomalyMap());
                assertNull(score.getGeometry());
            });
            assertTrue(verdicts(harness).isEmpty());
        }
    }

    @Test
    void theImagePartRunsInSubTopologiesOfItsOwnBesideTheScoringOne(StreamingFixture fixture) {
        TopologyDescription description = fixture.topology(new TopicsConfiguration(),
                new BatchPolicy(1, DriverHarness.MAX_WAIT), POLICY).describe();
        assertEquals(List.of(ImageTopology.SCORES_SOURCE, ImageTopology.ASSEMBLY_PROCESSOR, ScoringTopology.SOURCE),
                description.subtopologies().stream()
                        .sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id))
                        .map(s -> s.nodes().stream().map(TopologyDescription.Node::name)
                                .filter(name -> name.equals(ImageTopology.SCORES_SOURCE)
                                        || name.equals(ImageTopology.ASSEMBLY_PROCESSOR)
                                        || name.equals(ScoringTopology.SOURCE))
                                .findFirst().orElse("none"))
                        .toList(), description.toString());
    }

    static DriverHarness harness(StreamingFixture fixture, AssemblyPolicy images) {
        return new DriverHarness(fixture, fixture.topology(new TopicsConfiguration(),
                new BatchPolicy(1, DriverHarness.MAX_WAIT), images));
    }

    static TestOutputTopic<String, ImageVerdict> verdicts(DriverHarness harness) {
        return harness.driver.createOutputTopic(new TopicsConfiguration().getImageVerdicts(),
                new StringDeserializer(), new KafkaAvroDeserializer<>(harness.registry(), ImageVerdict.class));
    }

    static float[] floats(ByteBuffer bytes) {
        ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[le.remaining() / Float.BYTES];
        le.asFloatBuffer().get(out);
        return out;
    }
}
