package dev.anogan.stream.web;

import dev.anogan.stream.scoring.Patch;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** PNG files for and from the API's tests. */
final class Pngs {

    private Pngs() {
    }

    /** An 8-bit gray PNG of a one-channel uint8 patch. */
    static byte[] gray(Patch patch) {
        BufferedImage image = new BufferedImage(patch.width(), patch.height(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < patch.height(); y++) {
            for (int x = 0; x < patch.width(); x++) {
                image.getRaster().setSample(x, y, 0, patch.pixels().get(y * patch.width() + x) & 0xFF);
            }
        }
        return encode(image);
    }

    /** A blank image of the given type and size. */
    static byte[] blank(int width, int height, int type) {
        return encode(new BufferedImage(width, height, type));
    }

    static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new AssertionError("not a readable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image of a {@code data:image/png;base64,...} URI. */
    static BufferedImage decodeDataUri(String uri) {
        String prefix = "data:image/png;base64,";
        if (!uri.startsWith(prefix)) {
            throw new AssertionError("not a PNG data URI: " + uri.substring(0, Math.min(40, uri.length())));
        }
        return decode(Base64.getDecoder().decode(uri.substring(prefix.length())));
    }

    private static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
