package dev.anogan.stream.scoring;

import java.util.Map;

/**
 * What a method computed for a batch of n patches, copied out of ONNX Runtime's buffers (images go to the caller's
 * {@link ImageBuffers} instead).
 *
 * @param scores the anomaly score per patch
 * @param parts  the score's parts per patch, by output name (residual, discrimination, ...)
 */
public record BatchOutputs(float[] scores, Map<String, float[]> parts) {
}
