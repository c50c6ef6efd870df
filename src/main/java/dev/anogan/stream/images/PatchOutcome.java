package dev.anogan.stream.images;

/**
 * What became of one tile of an image: scored (with its score, patch verdict and anomaly map) or dead-lettered.
 *
 * @param sourceId      the scanner
 * @param imageId       the image
 * @param patchId       the patch
 * @param x             column of the patch's top-left pixel in the image
 * @param y             row of the patch's top-left pixel in the image
 * @param width         patch width
 * @param height        patch height
 * @param imageWidth    the image's width
 * @param imageHeight   the image's height
 * @param patchCount    patches the image was tiled into
 * @param captureTimeMs when the image was captured
 * @param scored        false: the patch was dead-lettered, and the fields below are 0, false and null
 * @param score         the patch's anomaly score
 * @param anomalous     the patch's own verdict
 * @param map           the patch's anomaly map averaged over its channels, {@code height × width}, row-major
 * @param pixels        the patch as the model saw it, {@code height × width × channels}, row-major, channels
 *                      interleaved; null also for scores written before they carried it
 */
record PatchOutcome(String sourceId, String imageId, String patchId, int x, int y, int width, int height,
                    int imageWidth, int imageHeight, int patchCount, long captureTimeMs,
                    boolean scored, float score, boolean anomalous, float[] map, float[] pixels) {

    String imageKey() {
        return ImageKeys.image(sourceId, imageId);
    }
}
