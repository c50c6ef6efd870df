package dev.anogan.stream.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a graph's score and its parts out of an ONNX Runtime result, and pins its image outputs to the caller's
 * direct buffers.
 */
final class OrtOutputs {

    static final String RECONSTRUCTION = "reconstruction";
    static final String ANOMALY_MAP = "anomaly_map";

    private final String scoreOutput;
    private final List<String> partOutputs;

    OrtOutputs(String scoreOutput, List<String> partOutputs) {
        this.scoreOutput = scoreOutput;
        this.partOutputs = List.copyOf(partOutputs);
    }

    /** The per-patch output names to request (copied out: one float per patch each). */
    Set<String> requested() {
        Set<String> names = new LinkedHashSet<>();
        names.add(scoreOutput);
        names.addAll(partOutputs);
        return names;
    }

    /**
     * Runs {@code session}: the score and its parts as requested outputs, the images (when {@code images} is set)
     * written by ONNX Runtime straight into the caller's direct buffers.
     */
    BatchOutputs run(OrtSession session, Map<String, OnnxTensor> inputs, ModelInput input, int n,
                     ImageBuffers images) throws OrtException {
        if (images == null) {
            try (OrtSession.Result result = session.run(inputs, requested())) {
                return read(result);
            }
        }
        try (OnnxTensor reconstructions = input.tensor(images.reconstructions(), n);
             OnnxTensor maps = input.tensor(images.anomalyMaps(), n);
             OrtSession.Result result = session.run(inputs, requested(),
                     Map.of(RECONSTRUCTION, reconstructions, ANOMALY_MAP, maps))) {
            return read(result);
        }
    }

    private BatchOutputs read(OrtSession.Result result) throws OrtException {
        Map<String, float[]> parts = new LinkedHashMap<>();
        for (String part : partOutputs) {
            parts.put(part, floats(result, part));
        }
        return new BatchOutputs(floats(result, scoreOutput), parts);
    }

    static float[] floats(OrtSession.Result result, String name) throws OrtException {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("graph output " + name + " missing"));
        FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
