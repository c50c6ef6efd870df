package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anogan.stream.avro.FloatImage;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Scorer images ([C, H, W]) become topic images: little-endian float32, row-major, channels interleaved. */
class FloatImagesTest {

    @Test
    void anRgbImageIsTransposedToInterleavedChannels() {
        // 2 x 1 pixels, 3 channels; value = 100 * channel + column
        float[] chw = {0, 1, 100, 101, 200, 201};
        FloatImage image = FloatImages.of(chw, 3, 1, 2);
        float[] values = new float[6];
        image.getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        assertArrayEquals(new float[] {0, 100, 200, 1, 101, 201}, values);
        assertEquals(2, image.getWidth());
        assertEquals(1, image.getHeight());
        assertEquals(3, image.getChannels());
    }

    @Test
    void aGrayscaleImageKeepsItsOrder() {
        float[] chw = {1, 2, 3, 4, 5, 6};
        float[] values = new float[6];
        FloatImages.of(chw, 1, 2, 3).getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        assertArrayEquals(chw, values);
    }

    @Test
    void aShapeThatDoesNotMatchTheValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FloatImages.of(new float[5], 1, 2, 3));
    }
}
