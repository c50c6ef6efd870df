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
import dev.anogan.stream.testing.SharedBundle;
import dev.anogan.stream.testing.Golden;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every exported graph on real ONNX Runtime against the PyTorch references the trainer wrote
 * (z after 1 and k steps, scores, reconstructions, maps), within the tolerances stated per output.
 */
@ExtendWith(SharedBundle.class)
class GoldenVectorTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final Golden GOLDEN = Golden.ofDefaultBundle();
    private static ModelBundle bundle;

    @BeforeAll
    static void load(ModelBundle shared) {
        bundle = shared;
    }

    static Stream<String> cases() {
        List<String> names = new ArrayList<>();
        GOLDEN.index().get("cases").forEach(c -> names.add(c.get("name").asText()));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void graphMatchesPyTorchReference(String name) throws OrtException {
        JsonNode c = GOLDEN.testCase(name);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("inputs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> in = it.next();
                JsonNode spec = in.getValue();
                inputs.put(in.getKey(), spec.has("value")
                        ? OnnxTensor.createTensor(ENV, spec.get("value").asLong())
                        : OnnxTensor.createTensor(ENV, FloatBuffer.wrap(GOLDEN.floats(spec)), Golden.shape(spec)));
            }
            OrtSession session = bundle.session(c.get("graph").asText());
            try (OrtSession.Result result = session.run(inputs)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = c.get("outputs").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> out = it.next();
                    float[] actual = OrtOutputs.floats(result, out.getKey());
                    float[] expected = GOLDEN.floats(out.getValue());
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
        JsonNode raw = GOLDEN.index().get("raw");
        long[] shape = Golden.shape(raw);
        int n = (int) shape[0];
        int perPatch = (int) (shape[1] * shape[2] * shape[3]);
        PatchMapper mapper = new PatchMapper(bundle.manifest().input());
        FloatBuffer x = FloatBuffer.allocate(n * mapper.spec().modelValues());
        for (Patch p : rawPatches()) {
            mapper.write(p, x, (x.position()));
            x.position(x.position() + mapper.spec().modelValues());
        }
        float[] expected = GOLDEN.floats(GOLDEN.testCase("egbad").get("inputs").get("x"));
        assertArrayEquals(expected, x.array(), 1e-6f);
        assertEquals(n * perPatch, GOLDEN.bytes(raw).length);
    }

    @Test
    void hybridScorerOnRawPatchesMatchesTheReference() throws OrtException {
        MethodSpec hybrid = bundle.manifest().method("hybrid");
        JsonNode c = GOLDEN.testCase("hybrid_" + hybrid.steps());
        Scorer scorer = new ScorerFactory(ENV, bundle).create(hybrid, hybrid.steps(), 0);
        assertScoresMatch(scorer.score(rawPatches(), true), c, "score");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"egbad, egbad", "egbad-ce, egbad", "feature-knn, feature_knn"})
    void forwardScorersOnRawPatchesMatchTheReference(String method, String goldenCase) throws OrtException {
        MethodSpec spec = bundle.manifest().method(method);
        Scorer scorer = new ScorerFactory(ENV, bundle).create(spec, 0, 0);
        assertScoresMatch(scorer.score(rawPatches(), true), GOLDEN.testCase(goldenCase), spec.scoreOutput());
    }

    private static void assertScoresMatch(List<PatchVerdict> scores, JsonNode c, String output) {
        JsonNode spec = c.get("outputs").get(output);
        float[] expected = GOLDEN.floats(spec);
        float[] actual = new float[scores.size()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = scores.get(i).score();
        }
        assertTrue(Golden.worstRatio(actual, expected, spec.get("rtol").asDouble(), spec.get("atol").asDouble()) <= 1.0,
                () -> c.get("name").asText() + ": " + java.util.Arrays.toString(actual) + " vs " + java.util.Arrays.toString(expected));
    }

    static List<Patch> rawPatches() {
        JsonNode raw = GOLDEN.index().get("raw");
        long[] shape = Golden.shape(raw);
        byte[] bytes = GOLDEN.bytes(raw);
        int channels = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        int perPatch = channels * h * w;
        List<Patch> patches = new ArrayList<>();
        for (int i = 0; i < shape[0]; i++) {
            // the golden raw array is channels-first; patches on the wire are channels-interleaved
            byte[] hwc = new byte[perPatch];
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < h * w; p++) {
                    hwc[p * channels + c] = bytes[i * perPatch + c * h * w + p];
                }
            }
            patches.add(new Patch(w, h, channels, PixelFormat.UINT8, ByteBuffer.wrap(hwc)));
        }
        return patches;
    }
}
