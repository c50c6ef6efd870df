package dev.anogan.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.Golden;
import dev.anogan.stream.testing.SharedBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every score carries, for each method of the committed bundle, on real ONNX Runtime. */
@ExtendWith(SharedBundle.class)
class ScorerTest {

    private static final Golden GOLDEN = Golden.ofDefaultBundle();
    private static ModelBundle bundle;
    private static ScorerFactory factory;

    @BeforeAll
    static void load(ModelBundle shared) {
        bundle = shared;
        factory = new ScorerFactory(OrtEnvironment.getEnvironment(), bundle);
    }

    @ParameterizedTest
    @ValueSource(strings = {"feature-knn", "anogan", "hybrid", "egbad", "egbad-ce"})
    void everyScoreCarriesItsVerdictAndImages(String name) throws OrtException {
        MethodSpec spec = bundle.manifest().method(name);
        int steps = Math.min(spec.steps(), 2);
        Scorer scorer = factory.create(spec, steps, 7);
        List<Patch> patches = GOLDEN.rawPatches();
        List<PatchVerdict> scores = scorer.score(patches, true);
        assertEquals(patches.size(), scores.size());
        for (PatchVerdict s : scores) {
            assertEquals(name, s.method());
            assertEquals(spec.calibration(steps).orElseThrow().threshold(), s.threshold());
            assertEquals(s.score() > s.threshold(), s.anomalous());
            assertEquals(spec.calibration(steps).orElseThrow().percentile(s.score()), s.percentile());
            assertTrue(s.parts().containsKey("residual"), () -> s.parts().toString());
            assertEquals(28 * 28, s.anomalyMap().orElseThrow().length);
            assertEquals(28 * 28, s.reconstruction().orElseThrow().length);
            assertEquals(patches.size(), s.batchSize());
        }
        assertTrue(scorer.score(patches, false).get(0).anomalyMap().isEmpty());
    }

    @Test
    void aPatchScoresTheSameAloneAndInABatch() throws OrtException {
        Scorer scorer = factory.create(bundle.manifest().method("anogan"), 5, 11);
        List<Patch> batch = randomPatches(8, 3);
        List<PatchVerdict> together = scorer.score(batch, false);
        for (int i = 0; i < batch.size(); i++) {
            PatchVerdict alone = scorer.score(List.of(batch.get(i)), false).get(0);
            assertEquals(together.get(i).score(), alone.score(), 1e-3f * Math.abs(alone.score()));
        }
    }

    @Test
    void anoganStartsAreSeededByThePatchSoRetriesAgree() throws OrtException {
        Scorer a = factory.create(bundle.manifest().method("anogan"), 2, 1);
        Scorer b = factory.create(bundle.manifest().method("anogan"), 2, 2);
        List<Patch> patches = randomPatches(2, 5);
        assertEquals(a.score(patches, false).get(0).score(), a.score(patches, false).get(0).score());
        assertNotEquals(a.score(patches, false).get(0).score(), b.score(patches, false).get(0).score());
    }

    @Test
    void moreSearchStepsLowerTheHybridsLoss() throws OrtException {
        MethodSpec hybrid = bundle.manifest().method("hybrid");
        List<Patch> patches = GOLDEN.rawPatches();
        List<PatchVerdict> none = factory.create(hybrid, 0, 0).score(patches, false);
        List<PatchVerdict> some = factory.create(hybrid, 10, 0).score(patches, false);
        for (int i = 0; i < patches.size(); i++) {
            assertTrue(some.get(i).score() < none.get(i).score(), "patch " + i);
            assertEquals(10, some.get(i).steps());
        }
    }

    static List<Patch> randomPatches(int n, long seed) {
        Random random = new Random(seed);
        List<Patch> patches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[28 * 28];
            random.nextBytes(px);
            patches.add(Patch.ofBytes(28, 28, 1, px));
        }
        return patches;
    }

    @Test
    void reconstructionPlusMapBracketsTheInput() throws OrtException {
        Scorer scorer = factory.create(bundle.manifest().method("egbad"), 0, 0);
        PatchVerdict s = scorer.score(GOLDEN.rawPatches().subList(0, 1), true).get(0);
        float[] map = s.anomalyMap().orElseThrow();
        float[] recon = s.reconstruction().orElseThrow();
        float[] x = new float[28 * 28];
        byte[] raw = new byte[28 * 28];
        GOLDEN.rawPatches().get(0).pixels().duplicate().get(raw);
        for (int i = 0; i < x.length; i++) {
            x[i] = (raw[i] & 0xFF) / 255f * 2 - 1;
        }
        float[] distance = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            distance[i] = Math.abs(x[i] - recon[i]);
        }
        assertArrayEquals(distance, map, 1e-5f);
    }
}
