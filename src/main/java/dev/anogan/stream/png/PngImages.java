package dev.anogan.stream.png;

import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PixelFormat;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a PNG into pixels by the project's one rule (the trainer's too): gray (1, 2, 4, 8 or 16 bits) and
 * gray+alpha → 1 channel, RGB, RGBA and palette → 3; alpha is dropped, not composited. 16-bit samples → uint16;
 * everything else → uint8, gray below 8 bits scaled to the full 8-bit range as PNG defines it (a 1-bit 1 is 255, a
 * 4-bit 15 is 255). Callers read the {@link PngHeader} first and refuse what they cannot take before any pixel is
 * decoded.
 */
public final class PngImages {

    private PngImages() {
    }

    /**
     * The pixels of {@code png}, whose header is {@code header}, as one {@link Patch} of the whole image.
     *
     * @throws IllegalArgumentException saying why the bytes do not decode as their header says
     */
    public static Patch decode(byte[] png, PngHeader header) {
        BufferedImage image = readPixels(png);
        if (image.getWidth() != header.width() || image.getHeight() != header.height()) {
            throw new IllegalArgumentException("the PNG decodes to " + image.getWidth() + "x" + image.getHeight()
                    + " but its header says " + header.size());
        }
        return toPatch(image, header);
    }

    /** Decodes the pixels only: text, ICC and other ancillary chunks are skipped, not inflated. */
    private static BufferedImage readPixels(byte[] png) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no PNG reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the PNG cannot be decoded: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static Patch toPatch(BufferedImage image, PngHeader header) {
        int w = header.width();
        int h = header.height();
        int channels = header.channels();
        PixelFormat encoding = header.wide() ? PixelFormat.UINT16 : PixelFormat.UINT8;
        ByteBuffer pixels = ByteBuffer.allocate(w * h * channels * encoding.bytesPerValue())
                .order(ByteOrder.LITTLE_ENDIAN);
        Raster raster = image.getRaster();
        int lowDepthMax = (1 << header.bitDepth()) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (header.colourType() == PngHeader.PALETTE) {
                    int rgb = image.getRGB(x, y);
                    pixels.put((byte) (rgb >> 16)).put((byte) (rgb >> 8)).put((byte) rgb);
                } else if (header.bitDepth() < 8) {
                    pixels.put((byte) (raster.getSample(x, y, 0) * 255 / lowDepthMax));
                } else {
                    for (int c = 0; c < channels; c++) {
                        int sample = raster.getSample(x, y, c);
                        if (header.wide()) {
                            pixels.putShort((short) sample);
                        } else {
                            pixels.put((byte) sample);
                        }
                    }
                }
            }
        }
        return new Patch(w, h, channels, encoding, pixels.flip());
    }
}
