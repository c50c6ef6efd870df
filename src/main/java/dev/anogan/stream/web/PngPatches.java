package dev.anogan.stream.web;

import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PixelEncoding;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Turns an uploaded PNG into a {@link Patch}: gray → 1 channel, RGB or palette → 3 (alpha dropped); 16-bit
 * samples → uint16, else uint8.
 */
final class PngPatches {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngPatches() {
    }

    /** @throws IllegalArgumentException saying why the bytes are not a readable PNG */
    static Patch decode(byte[] png) {
        if (png.length < SIGNATURE.length || !Arrays.equals(Arrays.copyOf(png, SIGNATURE.length), SIGNATURE)) {
            throw new IllegalArgumentException("the body is not a PNG image (it lacks the PNG signature)");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the PNG cannot be decoded: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("the PNG cannot be decoded");
        }
        boolean palette = image.getColorModel() instanceof IndexColorModel;
        int channels = palette ? 3 : image.getColorModel().getNumColorComponents();
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("the PNG has " + channels + " colour channels; gray or RGB expected");
        }
        boolean wide = !palette && image.getRaster().getSampleModel().getSampleSize(0) == 16;
        PixelEncoding encoding = wide ? PixelEncoding.UINT16 : PixelEncoding.UINT8;
        int w = image.getWidth();
        int h = image.getHeight();
        ByteBuffer pixels = ByteBuffer.allocate(w * h * channels * encoding.bytesPerValue())
                .order(ByteOrder.LITTLE_ENDIAN);
        Raster raster = image.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (palette) {
                    int rgb = image.getRGB(x, y);
                    pixels.put((byte) (rgb >> 16)).put((byte) (rgb >> 8)).put((byte) rgb);
                    continue;
                }
                for (int c = 0; c < channels; c++) {
                    int sample = raster.getSample(x, y, c);
                    if (wide) {
                        pixels.putShort((short) sample);
                    } else {
                        pixels.put((byte) sample);
                    }
                }
            }
        }
        return new Patch(w, h, channels, encoding, pixels.flip());
    }
}
