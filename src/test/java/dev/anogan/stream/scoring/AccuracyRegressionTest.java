package dev.anogan.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.SharedBundle;
import dev.anogan.stream.testing.FashionMnist;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed bundle still separates its normal class from the others on real Fashion-MNIST test
 * patches, scored on ONNX Runtime: a guard against a broken export or mapping (a broken model scores
 * an AUROC near 0.5), with a margin below the AUROC the manifest records.
 */
@ExtendWith(SharedBundle.class)
class AccuracyRegressionTest {

    private static final int PER_CLASS = 40;
    private static ModelBundle bundle;

    @BeforeAll
    static void load(ModelBundle shared) {
        bundle = shared;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hybrid", "egbad"})
    void aurocStaysNearTheRecordedEvaluation(String name) throws OrtException {
        MethodSpec spec = bundle.manifest().method(name);
        int normal = bundle.manifest().document().at("/training/normal_classes/0").asInt();
        FashionMnist test = FashionMnist.test();
        List<Patch> patches = new ArrayList<>();
        List<Boolean> anomalous = new ArrayList<>();
        int[] taken = new int[10];
        for (int i = 0; i < test.size(); i++) {
            int label = test.label(i);
            if (taken[label] < (label == normal ? 9 * PER_CLASS : PER_CLASS)) {
                taken[label]++;
                patches.add(test.patch(i));
                anomalous.add(label != normal);
            }
        }
        Scorer scorer = new ScorerFactory(OrtEnvironment.getEnvironment(), bundle).create(spec, spec.steps(), 0);
        List<PatchVerdict> scores = new ArrayList<>();
        for (int i = 0; i < patches.size(); i += 64) {
            scores.addAll(scorer.score(patches.subList(i, Math.min(patches.size(), i + 64)), false));
        }
        double auroc = auroc(scores, anomalous);
        double recorded = bundle.manifest().document()
                .at("/methods/" + name + "/evaluation/auroc").asDouble(0.8);
        double floor = Math.max(0.7, recorded - 0.08);
        assertTrue(auroc >= floor, name + ": AUROC " + auroc + " on " + patches.size() + " test patches, below " + floor);
    }

    /** P(an anomaly scores above a normal), ties counting one half. */
    static double auroc(List<PatchVerdict> scores, List<Boolean> anomalous) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.size(); i++) {
            if (!anomalous.get(i)) {
                continue;
            }
            for (int j = 0; j < scores.size(); j++) {
                if (anomalous.get(j)) {
                    continue;
                }
                float a = scores.get(i).score();
                float b = scores.get(j).score();
                wins += a > b ? 1 : a == b ? 0.5 : 0;
                pairs++;
            }
        }
        return wins / pairs;
    }
}
