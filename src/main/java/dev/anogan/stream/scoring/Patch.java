package dev.anogan.stream.scoring;

import java.nio.ByteBuffer;

/**
 * One image patch as a scanner sends it.
 *
 * @param width    pixels per row
 * @param height   rows
 * @param channels values per pixel (1 grayscale, 3 RGB)
 * @param encoding how each value is stored
 * @param pixels   {@code width × height × channels} values, row-major, channels interleaved, little-endian
 * @param withImages whether its reconstruction and anomaly map are wanted whatever its verdict (a tile of an image,
 *                 whose map is stitched), beside those the batch's {@link ImageSelection} selects
 */
public record Patch(int width, int height, int channels, PixelFormat encoding, ByteBuffer pixels,
                    boolean withImages) {

    /** A patch whose images only the batch's {@link ImageSelection} decides. */
    public Patch(int width, int height, int channels, PixelFormat encoding, ByteBuffer pixels) {
        this(width, height, channels, encoding, pixels, false);
    }

    /** A uint8 patch from bytes. */
    public static Patch ofBytes(int width, int height, int channels, byte[] pixels) {
        return new Patch(width, height, channels, PixelFormat.UINT8, ByteBuffer.wrap(pixels));
    }
}
