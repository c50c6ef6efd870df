package dev.anogan.stream.web;

import dev.anogan.stream.model.InputSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Draws float images as 8-bit PNGs: gray for one channel, RGB for three (other counts: the first channel). */
final class PngRenderer {

    private PngRenderer() {
    }

    /**
     * The PNG of {@code pixels}, mapping {@code low} to black and {@code high} to white (values outside clipped, NaN
     * black).
     */
    static byte[] png(FloatPixels pixels, float low, float high) {
        boolean rgb = pixels.channels() == 3;
        BufferedImage image = new BufferedImage(pixels.width(), pixels.height(),
                rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        float span = high > low ? high - low : 1;
        for (int y = 0; y < pixels.height(); y++) {
            for (int x = 0; x < pixels.width(); x++) {
                if (rgb) {
                    int r = level(pixels.value(x, y, 0), low, span);
                    int g = level(pixels.value(x, y, 1), low, span);
                    int b = level(pixels.value(x, y, 2), low, span);
                    image.setRGB(x, y, r << 16 | g << 8 | b);
                } else {
                    image.getRaster().setSample(x, y, 0, level(pixels.value(x, y, 0), low, span));
                }
            }
        }
        return encode(image);
    }

    /** Model input is {@code raw / max × scale + offset}: raw 0 .. max spans offset .. offset + scale. */
    static byte[] overModelRange(FloatPixels pixels, InputSpec input) {
        float low = (float) input.offset();
        return png(pixels, low, low + (float) input.scale());
    }

    /** Over the image's own range [0, max], so that the hot spots of an anomaly map show. */
    static byte[] overOwnRange(FloatPixels pixels) {
        return png(pixels, 0f, pixels.max());
    }

    /** {@code image} as a PNG. */
    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding in memory", e);
        }
        return out.toByteArray();
    }

    /** {@code png} as a {@code data:} URI. */
    static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    /** {@code value} on a 0–255 scale from {@code low} ({@code span} wide), clipped; NaN is 0. */
    static int level(float value, float low, float span) {
        return Math.round(Math.max(0f, Math.min(1f, (value - low) / span)) * 255f);
    }
}
