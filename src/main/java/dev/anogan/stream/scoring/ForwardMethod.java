package dev.anogan.stream.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** A method scored by one forward pass (EGBAD, in either of its discrimination variants). */
public final class ForwardMethod implements ScoringMethod {

    private final String name;
    private final OrtEnvironment environment;
    private final OrtSession graph;
    private final OrtOutputs outputs;
    private final long[] imageShape;

    ForwardMethod(String name, OrtEnvironment environment, OrtSession graph, OrtOutputs outputs, long[] imageShape) {
        this.name = name;
        this.environment = environment;
        this.graph = graph;
        this.outputs = outputs;
        this.imageShape = imageShape.clone();
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
    public BatchOutputs run(FloatBuffer x, int n, boolean withImages) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(environment, x, Shapes.batch(n, imageShape));
             OrtSession.Result result = graph.run(Map.of("x", input), outputs.requested(withImages))) {
            return outputs.read(result, withImages);
        }
    }
}
