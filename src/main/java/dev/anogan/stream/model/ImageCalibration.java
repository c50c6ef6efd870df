package dev.anogan.stream.model;

/**
 * A method's image-level calibration ({@code methods.<name>.image_calibration} in the manifest): the image score's
 * aggregation and the threshold set on held-out normal images for an image false-positive rate. It belongs to the
 * method's default steps.
 *
 * @param aggregation       how the patch scores of an image become its score
 * @param threshold         an image is anomalous when its score is above this
 * @param falsePositiveRate the image false-positive rate the threshold was set for
 * @param images            held-out normal images it was calibrated on
 */
public record ImageCalibration(ImageAggregation aggregation, double threshold, double falsePositiveRate, int images) {
}
