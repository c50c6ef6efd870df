package dev.anogan.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.FashionMnist;
import dev.anogan.stream.testing.SharedBundle;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reconstructions and anomaly maps are read out of ONNX Runtime only for the patches that need them (the anomalous
 * ones, for alerts), cropped straight from the output buffers ONNX Runtime wrote, and equal to those of a batch
 * that reads them all. Real ONNX Runtime on the committed bundle.
 */
@ExtendWith(SharedBundle.class)
class ImagesOnlyWhenNeededTest {

    @ParameterizedTest
    @ValueSource(strings = {"hybrid", "egbad"})
    void onlyTheAnomalousPatchesGetTheirImagesAndTheyMatchTheFullRead(String name, ModelBundle bundle)
            throws OrtException {
        MethodSpec spec = bundle.manifest().method(name);
        Scorer scorer = new ScorerFactory(OrtEnvironment.getEnvironment(), bundle).create(spec, spec.steps(), 3);
        FashionMnist mnist = FashionMnist.test();
        List<Patch> patches = IntStream.range(0, 24).mapToObj(mnist::patch).toList();

        List<PatchVerdict> all = scorer.score(patches, ImageSelection.ALL);
        List<PatchVerdict> anomalous = scorer.score(patches, ImageSelection.ANOMALOUS);
        List<PatchVerdict> none = scorer.score(patches, ImageSelection.NONE);

        long flagged = anomalous.stream().filter(PatchVerdict::anomalous).count();
        assertTrue(flagged > 0 && flagged < patches.size(), "a mix of verdicts: " + flagged);
        for (int i = 0; i < patches.size(); i++) {
            PatchVerdict full = all.get(i);
            PatchVerdict some = anomalous.get(i);
            assertEquals(full.score(), some.score());
            assertEquals(full.anomalous(), some.anomalous());
            assertEquals(some.anomalous(), some.anomalyMap().isPresent(), "patch " + i);
            assertEquals(some.anomalous(), some.reconstruction().isPresent(), "patch " + i);
            if (some.anomalous()) {
                assertArrayEquals(full.anomalyMap().orElseThrow(), some.anomalyMap().orElseThrow());
                assertArrayEquals(full.reconstruction().orElseThrow(), some.reconstruction().orElseThrow());
            }
            assertTrue(none.get(i).anomalyMap().isEmpty() && none.get(i).reconstruction().isEmpty());
            assertEquals(full.score(), none.get(i).score());
            assertEquals(28 * 28, full.anomalyMap().orElseThrow().length);
        }
    }
}
