package dev.anogan.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anogan.stream.model.InputSpec;
import dev.anogan.stream.scoring.InvalidPatchException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Raw pixels of every encoding to model input, the pad, and the refusals a dead-letter topic needs. */
class PatchMapperTest {

    /** A 3x3 RGB patch padded by 1 to 5x5 (the trainer's pad is centred: 1 before, 1 after). */
    private static final InputSpec RGB = new InputSpec(3, 3, 3, 5, 5, 2.0, -1.0,
            Map.of("uint8", 255.0, "uint16", 65535.0, "float32", 1.0), 1, 1, -1.0f);
    private static final PatchMapper MAPPER = new PatchMapper(RGB);

    @Test
    void mapsUint8ChannelsInterleavedToChannelsFirstWithPadding() {
        byte[] px = new byte[27];
        px[(1 * 3 + 2) * 3 + 1] = (byte) 255; // row 1, column 2, green
        FloatBuffer out = FloatBuffer.allocate(75 + 2);
        MAPPER.write(Patch.ofBytes(3, 3, 3, px), out, 2);
        float[] x = new float[75];
        out.get(2, x);
        assertEquals(1.0f, x[(1 * 5 + 2) * 5 + 3]);  // channel 1, row 1+1, column 2+1
        assertEquals(-1.0f, x[(1 * 5 + 2) * 5 + 2]);
        assertEquals(-1.0f, x[0]);                   // the pad
        assertEquals(0.0f, out.get(0));              // before the offset: untouched
    }

    @Test
    void mapsUint16AndFloat32ToTheSameRange() {
        ByteBuffer wide = ByteBuffer.allocate(27 * 2).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer real = ByteBuffer.allocate(27 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 27; i++) {
            wide.putShort((short) (i * 65535 / 26));
            real.putFloat(i / 26f);
        }
        FloatBuffer a = FloatBuffer.allocate(75);
        FloatBuffer b = FloatBuffer.allocate(75);
        MAPPER.write(new Patch(3, 3, 3, PixelFormat.UINT16, wide.flip()), a, 0);
        MAPPER.write(new Patch(3, 3, 3, PixelFormat.FLOAT32, real.flip()), b, 0);
        assertArrayEquals(b.array(), a.array(), 1e-4f);
        assertEquals(1.0f, a.get((2 * 5 + 3) * 5 + 3), 1e-6f); // the last value is full scale
    }

    @Test
    void cropsModelImagesBackToThePatch() {
        float[] model = new float[2 * 75];
        for (int i = 0; i < model.length; i++) {
            model[i] = i;
        }
        float[] crop = MAPPER.crop(model, 2);
        assertEquals(2 * 27, crop.length);
        assertEquals(6f, crop[0]);                 // (row 1, column 1) of channel 0
        assertEquals(75 + 2 * 25 + 18f, crop[27 + 2 * 9 + 8]);
    }

    @Test
    void refusesPatchesThatDoNotFit() {
        assertRefused(Reason.SIZE_MISMATCH, "patch is 4x3 but the model takes 3x3", Patch.ofBytes(4, 3, 3, new byte[36]));
        assertRefused(Reason.CHANNEL_MISMATCH, "patch has 1 channels but the model takes 3", Patch.ofBytes(3, 3, 1, new byte[9]));
        assertRefused(Reason.BYTE_COUNT_MISMATCH, "patch has 26 pixel bytes but 3x3x3 uint8 needs 27",
                Patch.ofBytes(3, 3, 3, new byte[26]));
        ByteBuffer nan = ByteBuffer.allocate(27 * 4).order(ByteOrder.LITTLE_ENDIAN);
        nan.putFloat(4 * 5, Float.NaN);
        assertRefused(Reason.NON_FINITE_PIXEL, "float32 pixel 5 is NaN", new Patch(3, 3, 3, PixelFormat.FLOAT32, nan));
        ByteBuffer big = ByteBuffer.allocate(27 * 4).order(ByteOrder.LITTLE_ENDIAN);
        big.putFloat(0, 1.5f);
        assertRefused(Reason.PIXEL_OUT_OF_RANGE, "float32 pixel 0 is 1.5, outside [0, 1.0]",
                new Patch(3, 3, 3, PixelFormat.FLOAT32, big));
    }

    private static void assertRefused(Reason reason, String message, Patch patch) {
        InvalidPatchException e = assertThrows(InvalidPatchException.class, () -> MAPPER.validate(patch));
        assertEquals(reason, e.reason());
        assertEquals(message, e.getMessage());
    }
}
