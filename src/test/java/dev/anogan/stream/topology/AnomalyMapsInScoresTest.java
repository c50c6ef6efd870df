package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.scoring.ImageSelection;
import dev.anogan.stream.scoring.PatchVerdict;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * With {@code anogan.scoring.anomaly-maps-in-scores} every {@code PatchScore} carries its anomaly map (the scorer's,
 * as float32 little-endian); by default scores carry none and only alerts have images.
 */
class AnomalyMapsInScoresTest {

    @Test
    void scoresCarryTheirAnomalyMapWhenAskedFor() throws Exception {
        try (StreamingFixture fixture = new StreamingFixture(StreamingFixture.METHOD, OptionalInt.empty(),
                UnaryOperator.identity(), StreamingFixture.DEFAULT_BATCHING, ImageSelection.ALL);
             DriverHarness harness = new DriverHarness(fixture, 4)) {
            List<ImagePatch> patches = StreamingFixture.patches(4);
            patches.forEach(harness::send);
            List<PatchScore> scores = harness.scores.readValuesToList();
            assertEquals(4, scores.size());
            List<PatchVerdict> expected = fixture.scorer().score(
                    patches.stream().map(PatchDecoder::toScoring).toList(), true);
            for (int i = 0; i < scores.size(); i++) {
                assertEquals(28, scores.get(i).getAnomalyMap().getWidth());
                assertArrayEquals(expected.get(i).anomalyMap().orElseThrow(),
                        floats(scores.get(i).getAnomalyMap().getValues()), 1e-5f);
            }
        }
    }

    @Test
    void scoresCarryNoAnomalyMapByDefault() {
        try (StreamingFixture fixture = new StreamingFixture();
             DriverHarness harness = new DriverHarness(fixture, 4)) {
            StreamingFixture.patches(4).forEach(harness::send);
            harness.scores.readValuesToList().forEach(score -> assertNull(score.getAnomalyMap()));
        }
    }

    private static float[] floats(ByteBuffer bytes) {
        ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[le.remaining() / Float.BYTES];
        le.asFloatBuffer().get(out);
        return out;
    }
}
