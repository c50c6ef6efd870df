package dev.anogan.stream.images;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A whole image stitched from one layer of its patches (their anomaly maps, or their pixels): each image pixel is the
 * mean of the patches that cover it (overlapping patches averaged, channel by channel); a pixel no patch covers is
 * NaN. Downscaled by an integer {@code scale}: each stitched pixel is the mean of the covered image pixels of its
 * {@code scale × scale} block. Built one band of blocks at a time, so memory is a band of the image ({@code scale}
 * rows), not the image.
 *
 * @param scale    image pixels per stitched pixel along each axis (1: full resolution)
 * @param width    ceil(image width / scale)
 * @param height   ceil(image height / scale)
 * @param channels values per pixel
 * @param values   {@code height × width × channels}, row-major, channels interleaved
 * @param peak     the largest value of the full-resolution image, all channels (NaN when no patch covers any pixel)
 */
record StitchedImage(int scale, int width, int height, int channels, float[] values, float peak) {

    /** The smallest integer factor that brings the longer side of an image within {@code maxSide}. */
    static int scale(int imageWidth, int imageHeight, int maxSide) {
        return Math.max(1, ceilDiv(Math.max(imageWidth, imageHeight), maxSide));
    }

    /**
     * Stitches an image of {@code imageWidth × imageHeight}.
     *
     * @param layer each patch's values, {@code height × width × channels} row-major; null: the patch is left out
     */
    static StitchedImage of(int imageWidth, int imageHeight, int scale, int channels, List<PatchOutcome> patches,
                            Function<PatchOutcome, float[]> layer) {
        int width = ceilDiv(imageWidth, scale);
        int height = ceilDiv(imageHeight, scale);
        float[] values = new float[width * height * channels];
        float peak = Float.NaN;
        float[] sum = new float[scale * imageWidth * channels];
        int[] count = new int[scale * imageWidth];
        double[] blockSum = new double[channels];
        for (int band = 0; band < height; band++) {
            int top = band * scale;
            int bottom = Math.min(imageHeight, top + scale);
            Arrays.fill(sum, 0f);
            Arrays.fill(count, 0);
            for (PatchOutcome p : patches) {
                float[] patch = layer.apply(p);
                if (patch != null) {
                    add(patch, p, top, bottom, imageWidth, channels, sum, count);
                }
            }
            for (int u = 0; u < width; u++) {
                Arrays.fill(blockSum, 0);
                int covered = 0;
                for (int y = 0; y < bottom - top; y++) {
                    for (int x = u * scale; x < Math.min(imageWidth, (u + 1) * scale); x++) {
                        int i = y * imageWidth + x;
                        if (count[i] == 0) {
                            continue;
                        }
                        covered++;
                        for (int c = 0; c < channels; c++) {
                            float pixel = sum[i * channels + c] / count[i];
                            blockSum[c] += pixel;
                            peak = Float.isNaN(peak) ? pixel : Math.max(peak, pixel);
                        }
                    }
                }
                for (int c = 0; c < channels; c++) {
                    values[(band * width + u) * channels + c] = covered == 0 ? Float.NaN
                            : (float) (blockSum[c] / covered);
                }
            }
        }
        return new StitchedImage(scale, width, height, channels, values, peak);
    }

    /** Adds the rows of {@code patch} within image rows [top, bottom) to the band's sums and counts. */
    private static void add(float[] patch, PatchOutcome p, int top, int bottom, int imageWidth, int channels,
                            float[] sum, int[] count) {
        for (int y = Math.max(top, p.y()); y < Math.min(bottom, p.y() + p.height()); y++) {
            int pixel = (y - top) * imageWidth + p.x();
            int source = (y - p.y()) * p.width();
            for (int x = 0; x < p.width(); x++) {
                count[pixel + x]++;
                for (int c = 0; c < channels; c++) {
                    sum[(pixel + x) * channels + c] += patch[(source + x) * channels + c];
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
