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
import java.util.Optional;
import java.util.Set;

/** Reads a graph's score, its parts and optional images out of an ONNX Runtime result. */
final class OrtOutputs {

    static final String RECONSTRUCTION = "reconstruction";
    static final String ANOMALY_MAP = "anomaly_map";

    private final String scoreOutput;
    private final List<String> partOutputs;

    OrtOutputs(String scoreOutput, List<String> partOutputs) {
        this.scoreOutput = scoreOutput;
        this.partOutputs = List.copyOf(partOutputs);
    }

    /** The output names to request from the session. */
    Set<String> requested(boolean withImages) {
        Set<String> names = new LinkedHashSet<>();
        names.add(scoreOutput);
        names.addAll(partOutputs);
        if (withImages) {
            names.add(RECONSTRUCTION);
            names.add(ANOMALY_MAP);
        }
        return names;
    }

    BatchOutputs read(OrtSession.Result result, boolean withImages) throws OrtException {
        Map<String, float[]> parts = new LinkedHashMap<>();
        for (String part : partOutputs) {
            parts.put(part, floats(result, part));
        }
        return new BatchOutputs(floats(result, scoreOutput), parts,
                withImages ? Optional.of(floats(result, RECONSTRUCTION)) : Optional.empty(),
                withImages ? Optional.of(floats(result, ANOMALY_MAP)) : Optional.empty());
    }

    static float[] floats(OrtSession.Result result, String name) throws OrtException {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("graph output " + name + " missing"));
        FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
