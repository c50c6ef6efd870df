package dev.anogan.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.SharedBundle;
import dev.anogan.stream.testing.FashionMnist;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed bundle still separates its normal class from the others on real Fashion-MNIST test
 * patches, scored on ONNX Runtime: a guard against a broken export or mapping (a broken model scores
 * an AUROC near 0.5), with a margin below the AUROC the manifest records, and a floor at the raw-pixel kNN-5
 * baseline of the same patches that a model worse than that baseline cannot pass.
 */
@ExtendWith(SharedBundle.class)
class AccuracyRegressionTest {

    private static final int PER_CLASS = 40;
    private static final int K = 5;
    private static ModelBundle bundle;
    private static Sample sample;

    @BeforeAll
    static void load(ModelBundle shared) {
        bundle = shared;
        sample = Sample.take(bundle.manifest().document().at("/training/normal_classes/0").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"feature-knn", "hybrid", "egbad"})
    void aurocStaysNearTheRecordedEvaluation(String name) throws OrtException {
        double auroc = auroc(name);
        double recorded = bundle.manifest().document()
                .at("/methods/" + name + "/evaluation/auroc").asDouble(0.8);
        double floor = Math.max(0.7, recorded - 0.08);
        assertTrue(auroc >= floor, name + ": AUROC " + auroc + " on " + sample.patches().size() + " test patches, below " + floor);
    }

    /**
     * The default method is not worse than a nearest-neighbour distance on raw pixels (the yardstick a user
     * would otherwise use) on the same test patches, with a margin for the small sample: a model that only
     * matches the pixel kNN within the margin passes, one clearly below it fails.
     */
    @Test
    void defaultMethodIsNotBelowRawPixelKnn() throws OrtException {
        double ours = auroc(bundle.manifest().defaultMethod());
        double knn = auroc(sample.knnScores(), sample.anomalous());
        assertTrue(ours >= knn - 0.01, bundle.manifest().defaultMethod() + ": AUROC " + ours
                + " below raw-pixel kNN-5 " + knn + " on the same " + sample.patches().size() + " patches");
    }

    private static double auroc(String name) throws OrtException {
        MethodSpec spec = bundle.manifest().method(name);
        Scorer scorer = new ScorerFactory(OrtEnvironment.getEnvironment(), bundle).create(spec, spec.steps(), 0);
        double[] scores = new double[sample.patches().size()];
        for (int i = 0; i < scores.length; i += 64) {
            List<PatchVerdict> batch = scorer.score(sample.patches().subList(i, Math.min(scores.length, i + 64)), false);
            for (int j = 0; j < batch.size(); j++) {
                scores[i + j] = batch.get(j).score();
            }
        }
        return auroc(scores, sample.anomalous());
    }

    /** A stratified test sample (the normal class as often as the nine others together) and its kNN-5 distances. */
    private record Sample(List<Patch> patches, boolean[] anomalous, List<float[]> pixels) {

        static Sample take(int normal) {
            FashionMnist test = FashionMnist.test();
            List<Patch> patches = new ArrayList<>();
            List<float[]> pixels = new ArrayList<>();
            List<Boolean> anomalous = new ArrayList<>();
            int[] taken = new int[10];
            for (int i = 0; i < test.size(); i++) {
                int label = test.label(i);
                if (taken[label] < (label == normal ? 9 * PER_CLASS : PER_CLASS)) {
                    taken[label]++;
                    patches.add(test.patch(i));
                    pixels.add(test.unitPixels(i));
                    anomalous.add(label != normal);
                }
            }
            boolean[] flags = new boolean[anomalous.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = anomalous.get(i);
            }
            return new Sample(patches, flags, pixels);
        }

        /** Mean Euclidean distance to the 5 nearest training images of the normal class, pixels in [0, 1]. */
        double[] knnScores() {
            int normal = bundle.manifest().document().at("/training/normal_classes/0").asInt();
            FashionMnist train = FashionMnist.train();
            List<float[]> bank = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                if (train.label(i) == normal) {
                    bank.add(train.unitPixels(i));
                }
            }
            return pixels.parallelStream().mapToDouble(q -> {
                double[] nearest = new double[K];
                Arrays.fill(nearest, Double.MAX_VALUE);
                for (float[] b : bank) {
                    double d = 0;
                    for (int j = 0; j < q.length; j++) {
                        double diff = q[j] - b[j];
                        d += diff * diff;
                    }
                    int worst = 0;
                    for (int j = 1; j < K; j++) {
                        worst = nearest[j] > nearest[worst] ? j : worst;
                    }
                    nearest[worst] = Math.min(nearest[worst], d);
                }
                return Arrays.stream(nearest).map(Math::sqrt).average().orElseThrow();
            }).toArray();
        }
    }

    /** P(an anomaly scores above a normal), ties counting one half. */
    static double auroc(double[] scores, boolean[] anomalous) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!anomalous[i]) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (anomalous[j]) {
                    continue;
                }
                double a = scores[i];
                double b = scores[j];
                wins += a > b ? 1 : a == b ? 0.5 : 0;
                pairs++;
            }
        }
        return wins / pairs;
    }
}
