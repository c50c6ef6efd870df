package dev.anogan.stream.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;

/** Wraps a batch's model input as the graphs' {@code x} tensor, without a copy when the buffer is direct. */
final class ModelInput {

    private final OrtEnvironment environment;
    private final long[] imageShape;

    ModelInput(OrtEnvironment environment, long[] imageShape) {
        this.environment = environment;
        this.imageShape = imageShape.clone();
    }

    OrtEnvironment environment() {
        return environment;
    }

    /** The tensor {@code x[n, C, H, W]} over {@code x}; the caller closes it. */
    OnnxTensor tensor(FloatBuffer x, int n) throws OrtException {
        long[] shape = new long[imageShape.length + 1];
        shape[0] = n;
        System.arraycopy(imageShape, 0, shape, 1, imageShape.length);
        return OnnxTensor.createTensor(environment, x, shape);
    }
}
