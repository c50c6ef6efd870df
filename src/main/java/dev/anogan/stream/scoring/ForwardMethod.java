package dev.anogan.stream.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** A method scored by one forward pass (EGBAD, in either of its discrimination variants). */
public final class ForwardMethod implements ScoringMethod {

    private final String name;
    private final ModelInput input;
    private final OrtSession graph;
    private final OrtOutputs outputs;

    ForwardMethod(String name, ModelInput input, OrtSession graph, OrtOutputs outputs) {
        this.name = name;
        this.input = input;
        this.graph = graph;
        this.outputs = outputs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int steps() {
        return 0;
    }

    @Override
    public BatchOutputs run(FloatBuffer x, int n, ImageBuffers images) throws OrtException {
        try (OnnxTensor xs = input.tensor(x, n)) {
            return outputs.run(graph, Map.of("x", xs), input, n, images);
        }
    }
}
