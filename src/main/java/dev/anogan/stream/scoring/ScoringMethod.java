package dev.anogan.stream.scoring;

import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;

/** One anomaly-scoring method: model input of a batch in, scores out, in as few ONNX Runtime calls as it can. */
public interface ScoringMethod {

    /** The method's name in the manifest. */
    String name();

    /** Search steps per patch (0 for a method without search). */
    int steps();

    /**
     * Scores a batch.
     *
     * @param x          model input of {@code n} patches, a direct buffer ([N, C, H, W], positions 0..)
     * @param n          the batch size
     * @param images where to write the batch's reconstructions and anomaly maps; null: not wanted
     */
    BatchOutputs run(FloatBuffer x, int n, ImageBuffers images) throws OrtException;
}
