package dev.anogan.stream.images;

import dev.anogan.stream.model.Calibration;
import dev.anogan.stream.model.ImageAggregation;
import dev.anogan.stream.model.ImageCalibration;
import dev.anogan.stream.model.MethodSpec;

/**
 * How an image is judged: its score's aggregation and threshold, the bundle's image calibration when it has one
 * for the method and steps in use, else the fallback: the largest patch score against the patch threshold.
 *
 * @param method         the scoring method
 * @param aggregation    how patch scores become the image's score
 * @param threshold      an image is anomalous when its score is above this
 * @param calibrated     whether the threshold is the bundle's image calibration (false: the fallback)
 * @param patchThreshold the patch threshold in use
 */
public record ImageRule(String method, ImageAggregation aggregation, double threshold, boolean calibrated,
                        double patchThreshold) {

    /** The rule of a method scored at {@code steps} with the patch calibration {@code patches}. */
    public static ImageRule of(MethodSpec method, int steps, Calibration patches) {
        return method.imageCalibration(steps)
                .map(image -> calibrated(method.name(), image, patches))
                .orElseGet(() -> new ImageRule(method.name(), ImageAggregation.MAX_PATCH_SCORE, patches.threshold(),
                        false, patches.threshold()));
    }

    private static ImageRule calibrated(String method, ImageCalibration image, Calibration patches) {
        return new ImageRule(method, image.aggregation(), image.threshold(), true, patches.threshold());
    }
}
