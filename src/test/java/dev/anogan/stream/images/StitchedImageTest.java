package dev.anogan.stream.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stitching a layer of an image's patches: overlapping patches averaged per pixel and channel, uncovered pixels NaN,
 * large images downscaled, patches without the layer left out.
 */
class StitchedImageTest {

    private static final float NAN = Float.NaN;

    @Test
    void overlappingPatchesAreAveragedAndUncoveredPixelsAreNaN() {
        // a 5x2 image: patches 2x2 at x=0 (value 1) and x=1 (value 3) overlap in column 1; columns 3, 4 uncovered
        StitchedImage map = StitchedImage.of(5, 2, 1, 1, List.of(patch(0, 0, 2, 2, 1f), patch(1, 0, 2, 2, 3f)),
                PatchOutcome::map);
        assertEquals(1, StitchedImage.scale(5, 2, 256));
        assertArrayEquals(new float[] {1, 2, 3, NAN, NAN, 1, 2, 3, NAN, NAN}, map.values());
        assertEquals(3f, map.peak());
    }

    @Test
    void aLargeImageIsDownscaledByAnIntegerFactorAveragingTheCoveredPixelsOfEachBlock() {
        // 5x3 with at most 2 pixels a side: factor 3, map 2x1; block 0 = columns 0-2, block 1 = columns 3-4
        int scale = StitchedImage.scale(5, 3, 2);
        StitchedImage map = StitchedImage.of(5, 3, scale, 1, List.of(patch(0, 0, 2, 3, 1f), patch(2, 0, 2, 3, 4f)),
                PatchOutcome::map);
        assertEquals(3, scale);
        assertEquals(2, map.width());
        assertEquals(1, map.height());
        // block 0: columns 0, 1 at 1 and column 2 at 4 (3 rows each) → 2; block 1: column 3 at 4, column 4 uncovered
        assertArrayEquals(new float[] {2f, 4f}, map.values());
        assertEquals(4f, map.peak());
    }

    @Test
    void pixelsAreStitchedChannelByChannelAndPatchesWithoutPixelsAreLeftOut() {
        // a 3x1 RGB-like image of 2 channels: patch 2x1 at x=0 with (1, 10), at x=1 with (3, 30); one at x=2 has none
        PatchOutcome left = withPixels(patch(0, 0, 2, 1, 0f), 1f, 10f);
        PatchOutcome right = withPixels(patch(1, 0, 2, 1, 0f), 3f, 30f);
        PatchOutcome none = patch(2, 0, 1, 1, 0f);
        StitchedImage image = StitchedImage.of(3, 1, 1, 2, List.of(left, right, none), PatchOutcome::pixels);
        assertEquals(2, image.channels());
        assertArrayEquals(new float[] {1, 10, 2, 20, 3, 30}, image.values());
    }

    @Test
    void downscaledPixelsKeepTheirChannelsApart() {
        // 2x2, one patch, channel 0 = 0..3 by position, channel 1 = 100; scale 2 → one pixel (1.5, 100)
        PatchOutcome p = patch(0, 0, 2, 2, 0f);
        PatchOutcome pixels = new PatchOutcome(p.sourceId(), p.imageId(), p.patchId(), 0, 0, 2, 2, 2, 2, 1, 0, true,
                0f, false, p.map(), new float[] {0, 100, 1, 100, 2, 100, 3, 100});
        StitchedImage image = StitchedImage.of(2, 2, 2, 2, List.of(pixels), PatchOutcome::pixels);
        assertArrayEquals(new float[] {1.5f, 100f}, image.values());
    }

    private static PatchOutcome patch(int x, int y, int width, int height, float value) {
        float[] map = new float[width * height];
        Arrays.fill(map, value);
        return new PatchOutcome("s", "i", x + "," + y, x, y, width, height, 0, 0, 0, 0, true, value, false, map,
                null);
    }

    /** {@code p} with every pixel at the given channel values. */
    private static PatchOutcome withPixels(PatchOutcome p, float... channels) {
        float[] pixels = new float[p.width() * p.height() * channels.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = channels[i % channels.length];
        }
        return new PatchOutcome(p.sourceId(), p.imageId(), p.patchId(), p.x(), p.y(), p.width(), p.height(),
                p.imageWidth(), p.imageHeight(), p.patchCount(), p.captureTimeMs(), p.scored(), p.score(),
                p.anomalous(), p.map(), pixels);
    }
}
