package dev.anogan.stream.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiles cover every pixel: every stride, plus one flush with the far edge where the stride does not end there. */
class TilingTest {

    @Test
    void aStrideThatEndsAtTheEdgeNeedsNoExtraTile() {
        assertEquals(List.of(0, 14, 28, 42), new Tiling(28, 14).offsets(70));
        assertEquals(List.of(0, 28), new Tiling(28, 28).offsets(56));
    }

    @Test
    void aStrideThatDoesNotEndAtTheEdgeGetsOneTileFlushWithIt() {
        assertEquals(List.of(0, 14, 28, 32), new Tiling(28, 14).offsets(60));
        assertEquals(List.of(0), new Tiling(28, 28).offsets(28));
    }

    @Test
    void anImageSmallerThanAPatchIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tiling(28, 14).offsets(20));
        assertEquals("20 pixels is less than the 28-pixel patch", e.getMessage());
    }
}
