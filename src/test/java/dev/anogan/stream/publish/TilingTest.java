package dev.anogan.stream.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anogan.stream.model.BundleLoader;
import dev.anogan.stream.model.Manifest;
import java.util.List;
import java.util.OptionalInt;
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

    @Test
    void aBundleTrainedOnImagesIsTiledAtItsTrainingStrideUnlessAStrideIsGiven() {
        Manifest trained = withDocument(BundleLoader.readManifest("classpath:bundles/default"),
                "{\"tiling\": {\"patch_size\": 28, \"stride\": 7}}");

        assertEquals(new Tiling(28, 7), Tiling.forBundle(trained, OptionalInt.empty()));
        assertEquals(new Tiling(28, 20), Tiling.forBundle(trained, OptionalInt.of(20)));
    }

    @Test
    void aBundleWithoutTilingIsTiledSideBySide() {
        Manifest patchesOnly = BundleLoader.readManifest("classpath:bundles/default");

        assertEquals(new Tiling(28, 28), Tiling.forBundle(patchesOnly, OptionalInt.empty()));
    }

    private static Manifest withDocument(Manifest m, String json) {
        try {
            return new Manifest(m.formatVersion(), m.model(), m.input(), m.latentDim(), m.defaultMethod(),
                    m.methods(), m.graphs(), m.files(), new ObjectMapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
