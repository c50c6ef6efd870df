package dev.anogan.stream.scoring;

import java.util.Map;
import java.util.Optional;

/**
 * What a method computed for a batch of n patches, copied out of ONNX Runtime's buffers.
 *
 * @param scores          the anomaly score per patch
 * @param parts           the score's parts per patch, by output name (residual, discrimination, ...)
 * @param reconstructions G(z) per patch, model-sized, when asked for
 * @param anomalyMaps     |x − G(z)| per patch, model-sized, when asked for
 */
public record BatchOutputs(float[] scores, Map<String, float[]> parts, Optional<float[]> reconstructions,
                           Optional<float[]> anomalyMaps) {
}
