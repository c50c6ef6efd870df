package dev.anogan.stream.model;

import java.util.Map;

/**
 * The patches a model takes and how their raw pixels map to the model's input.
 *
 * <p>Model input {@code x = raw / encodingMax[encoding] * scale + offset}, then padded with
 * {@code padValue} to {@code modelHeight × modelWidth}.
 */
public record InputSpec(
        int channels,
        int height,
        int width,
        int modelHeight,
        int modelWidth,
        double scale,
        double offset,
        Map<String, Double> encodingMax,
        int padTop,
        int padLeft,
        float padValue) {

    /** Floats per patch of model input. */
    public int modelValues() {
        return channels * modelHeight * modelWidth;
    }
}
