package dev.anogan.stream.scoring;

import java.nio.FloatBuffer;

/**
 * Where a method writes a batch's model-sized images ([N, C, modelH, modelW] each): direct buffers that ONNX Runtime
 * fills as pre-allocated outputs, so that nothing is copied out of it until a patch's region is cropped. The caller
 * owns them (borrowed from a {@link DirectBufferPool}).
 *
 * @param reconstructions G(z) per patch
 * @param anomalyMaps     |x − G(z)| per patch
 */
public record ImageBuffers(FloatBuffer reconstructions, FloatBuffer anomalyMaps) {
}
