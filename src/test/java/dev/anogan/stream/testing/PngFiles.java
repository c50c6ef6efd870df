package dev.anogan.stream.testing;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;

/** PNG files written with the JDK's encoder, for the tests of tools that read them. */
public final class PngFiles {

    private PngFiles() {
    }

    /**
     * Writes a PNG of {@code type} ({@link BufferedImage#TYPE_BYTE_GRAY}: 8-bit gray, {@code TYPE_USHORT_GRAY}: 16-bit
     * gray, {@code TYPE_3BYTE_BGR}: 8-bit RGB) whose every band at (x, y) is {@code sample(x, y)}.
     */
    public static Path write(Path file, int width, int height, int type, IntBinaryOperator sample) {
        BufferedImage image = new BufferedImage(width, height, type);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int band = 0; band < raster.getNumBands(); band++) {
                    raster.setSample(x, y, band, sample.applyAsInt(x, y));
                }
            }
        }
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
