package dev.anogan.stream.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stitched map: overlapping patches averaged per pixel, uncovered pixels NaN, large images downscaled. */
class StitchedMapTest {

    @Test
    void overlappingPatchesAreAveragedAndUncoveredPixelsAreNaN() {
        // a 5x2 image: patches 2x2 at x=0 (value 1) and x=1 (value 3) overlap in column 1; columns 3, 4 uncovered
        StitchedMap map = StitchedMap.of(5, 2, List.of(patch(0, 0, 2, 2, 1f), patch(1, 0, 2, 2, 3f)), 256);
        float nan = Float.NaN;
        assertEquals(1, map.scale());
        assertArrayEquals(new float[] {1, 2, 3, nan, nan, 1, 2, 3, nan, nan}, map.values());
        assertEquals(3f, map.peak());
    }

    @Test
    void aLargeImageIsDownscaledByAnIntegerFactorAveragingTheCoveredPixelsOfEachBlock() {
        // 5x3 with at most 2 pixels a side: factor 3, map 2x1; block 0 = columns 0-2, block 1 = columns 3-4
        StitchedMap map = StitchedMap.of(5, 3, List.of(patch(0, 0, 2, 3, 1f), patch(2, 0, 2, 3, 4f)), 2);
        assertEquals(3, map.scale());
        assertEquals(2, map.width());
        assertEquals(1, map.height());
        // block 0: columns 0, 1 at 1 and column 2 at 4 (3 rows each) → 2; block 1: column 3 at 4, column 4 uncovered
        assertArrayEquals(new float[] {2f, 4f}, map.values());
        assertEquals(4f, map.peak());
    }

    private static PatchOutcome patch(int x, int y, int width, int height, float value) {
        float[] map = new float[width * height];
        Arrays.fill(map, value);
        return new PatchOutcome("s", "i", x + "," + y, x, y, width, height, 0, 0, 0, 0, true, value, false, map);
    }
}
