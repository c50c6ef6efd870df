package dev.anogan.stream.images;

import java.util.Arrays;
import java.util.List;

/**
 * The anomaly map of a whole image from its patches' maps: each image pixel is the mean of the maps of the patches
 * that cover it (overlapping patches averaged); a pixel no patch covers is NaN. When the image's longer side is
 * above {@code maxSide}, the map is downscaled by the smallest integer factor that brings it within: each map pixel
 * is the mean of the covered image pixels of its block. Built one band of blocks at a time, so memory is a band of
 * the image (factor rows), not the image.
 *
 * @param scale  image pixels per map pixel along each axis (1: full resolution)
 * @param width  map width: ceil(image width / scale)
 * @param height map height: ceil(image height / scale)
 * @param values {@code height × width}, row-major
 * @param peak   the largest value of the full-resolution map (NaN when no patch covers any pixel)
 */
record StitchedMap(int scale, int width, int height, float[] values, float peak) {

    /** The map of an image of {@code imageWidth × imageHeight} from its scored patches (each with a map). */
    static StitchedMap of(int imageWidth, int imageHeight, List<PatchOutcome> patches, int maxSide) {
        int scale = Math.max(1, ceilDiv(Math.max(imageWidth, imageHeight), maxSide));
        int width = ceilDiv(imageWidth, scale);
        int height = ceilDiv(imageHeight, scale);
        float[] values = new float[width * height];
        float peak = Float.NaN;
        float[] sum = new float[scale * imageWidth];
        int[] count = new int[scale * imageWidth];
        for (int band = 0; band < height; band++) {
            int top = band * scale;
            int bottom = Math.min(imageHeight, top + scale);
            Arrays.fill(sum, 0f);
            Arrays.fill(count, 0);
            for (PatchOutcome p : patches) {
                int from = Math.max(top, p.y());
                int to = Math.min(bottom, p.y() + p.height());
                for (int y = from; y < to; y++) {
                    int row = (y - top) * imageWidth + p.x();
                    int mapRow = (y - p.y()) * p.width();
                    for (int x = 0; x < p.width(); x++) {
                        sum[row + x] += p.map()[mapRow + x];
                        count[row + x]++;
                    }
                }
            }
            for (int u = 0; u < width; u++) {
                double blockSum = 0;
                int covered = 0;
                for (int y = 0; y < bottom - top; y++) {
                    for (int x = u * scale; x < Math.min(imageWidth, (u + 1) * scale); x++) {
                        int i = y * imageWidth + x;
                        if (count[i] > 0) {
                            float pixel = sum[i] / count[i];
                            blockSum += pixel;
                            covered++;
                            peak = Float.isNaN(peak) ? pixel : Math.max(peak, pixel);
                        }
                    }
                }
                values[band * width + u] = covered == 0 ? Float.NaN : (float) (blockSum / covered);
            }
        }
        return new StitchedMap(scale, width, height, values, peak);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
