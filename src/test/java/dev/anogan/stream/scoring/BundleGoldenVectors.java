package dev.anogan.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.Golden;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every exported graph of a committed bundle on real ONNX Runtime against the PyTorch references the trainer wrote
 * beside it (z after 1 and k steps, scores, reconstructions, maps), within the tolerances stated per output; and the
 * service's scorers on the raw patches of those references. One subclass per committed bundle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BundleGoldenVectors {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final Golden golden;
    private ModelBundle bundle;

    /** @param golden the golden vectors beside the bundle under test */
    BundleGoldenVectors(Golden golden) {
        this.golden = golden;
    }

    /** Sets the bundle under test, loaded by the subclass (which owns it) before the tests run. */
    void use(ModelBundle loaded) {
        bundle = loaded;
    }

    ModelBundle bundle() {
        return bundle;
    }

    Golden golden() {
        return golden;
    }

    Stream<String> cases() {
        List<String> names = new ArrayList<>();
        golden().index().get("cases").forEach(c -> names.add(c.get("name").asText()));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void graphMatchesPyTorchReference(String name) throws OrtException {
        JsonNode c = golden().testCase(name);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("inputs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> in = it.next();
                JsonNode spec = in.getValue();
                inputs.put(in.getKey(), spec.has("value")
                        ? OnnxTensor.createTensor(ENV, spec.get("value").asLong())
                        : OnnxTensor.createTensor(ENV, FloatBuffer.wrap(golden().floats(spec)), Golden.shape(spec)));
            }
            OrtSession session = bundle().session(c.get("graph").asText());
            try (OrtSession.Result result = session.run(inputs)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = c.get("outputs").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> out = it.next();
                    float[] actual = OrtOutputs.floats(result, out.getKey());
                    float[] expected = golden().floats(out.getValue());
                    double ratio = Golden.worstRatio(actual, expected, out.getValue().get("rtol").asDouble(),
                            out.getValue().get("atol").asDouble());
                    assertTrue(ratio <= 1.0, name + "/" + out.getKey() + ": worst error is " + ratio + "× the tolerance");
                }
            }
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    @Test
    void pixelMappingOfRawPatchesMatchesTheTrainers() {
        JsonNode raw = golden().index().get("raw");
        long[] shape = Golden.shape(raw);
        int n = (int) shape[0];
        int perPatch = (int) (shape[1] * shape[2] * shape[3]);
        PatchMapper mapper = new PatchMapper(bundle().manifest().input());
        FloatBuffer x = FloatBuffer.allocate(n * mapper.spec().modelValues());
        for (Patch p : golden().rawPatches()) {
            mapper.write(p, x, (x.position()));
            x.position(x.position() + mapper.spec().modelValues());
        }
        float[] expected = golden().floats(golden().testCase("egbad").get("inputs").get("x"));
        assertArrayEquals(expected, x.array(), 1e-6f);
        assertEquals(n * perPatch, golden().bytes(raw).length);
    }

    @Test
    void hybridScorerOnRawPatchesMatchesTheReference() throws OrtException {
        MethodSpec hybrid = bundle().manifest().method("hybrid");
        JsonNode c = golden().testCase("hybrid_" + hybrid.steps());
        Scorer scorer = new ScorerFactory(ENV, bundle()).create(hybrid, hybrid.steps(), 0);
        assertScoresMatch(scorer.score(golden().rawPatches(), true), c, "score");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"egbad, egbad", "egbad-ce, egbad", "feature-knn, feature_knn"})
    void forwardScorersOnRawPatchesMatchTheReference(String method, String goldenCase) throws OrtException {
        MethodSpec spec = bundle().manifest().method(method);
        Scorer scorer = new ScorerFactory(ENV, bundle()).create(spec, 0, 0);
        assertScoresMatch(scorer.score(golden().rawPatches(), true), golden().testCase(goldenCase), spec.scoreOutput());
    }

    private void assertScoresMatch(List<PatchVerdict> scores, JsonNode c, String output) {
        JsonNode spec = c.get("outputs").get(output);
        float[] expected = golden().floats(spec);
        float[] actual = new float[scores.size()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = scores.get(i).score();
        }
        assertTrue(Golden.worstRatio(actual, expected, spec.get("rtol").asDouble(), spec.get("atol").asDouble()) <= 1.0,
                () -> c.get("name").asText() + ": " + java.util.Arrays.toString(actual) + " vs " + java.util.Arrays.toString(expected));
    }
}
