package dev.anogan.stream.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * AnoGAN's latent search, or the hybrid's when its start is the encoder: one call of the search
 * graph runs every Adam step for the whole batch inside ONNX Runtime.
 */
public final class SearchMethod implements ScoringMethod {

    private final String name;
    private final ModelInput input;
    private final OrtSession search;
    private final LatentStart start;
    private final OrtOutputs outputs;
    private final int steps;

    SearchMethod(String name, ModelInput input, OrtSession search, LatentStart start, OrtOutputs outputs, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("search steps must be >= 0, got " + steps);
        }
        this.name = name;
        this.input = input;
        this.search = search;
        this.start = start;
        this.outputs = outputs;
        this.steps = steps;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public BatchOutputs run(FloatBuffer x, int n, ImageBuffers images) throws OrtException {
        try (OnnxTensor xs = input.tensor(x, n);
             OnnxTensor z0 = start.create(xs, n);
             OnnxTensor stepCount = OnnxTensor.createTensor(input.environment(), (long) steps)) {
            return outputs.run(search, Map.of("x", xs, "z0", z0, "steps", stepCount), input, n, images);
        }
    }
}
