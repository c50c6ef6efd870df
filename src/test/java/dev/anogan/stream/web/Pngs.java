package dev.anogan.stream.web;

import dev.anogan.stream.scoring.Patch;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
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

    /**
     * A PNG written byte by byte, so that any header is possible: {@code samples} row-major, interleaved, each within
     * the bit depth (packed most significant first below 8 bits, big-endian at 16), no filter, one IDAT.
     */
    static byte[] raw(int width, int height, int bitDepth, int colourType, int[] samples) {
        int perPixel = samples.length / (width * height);
        int rowBytes = (width * perPixel * bitDepth + 7) / 8;
        ByteArrayOutputStream scanlines = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            byte[] row = new byte[rowBytes];
            for (int i = 0; i < width * perPixel; i++) {
                int sample = samples[y * width * perPixel + i];
                if (bitDepth == 16) {
                    row[2 * i] = (byte) (sample >> 8);
                    row[2 * i + 1] = (byte) sample;
                } else {
                    int bit = i * bitDepth;
                    row[bit / 8] |= (byte) (sample << (8 - bitDepth - bit % 8));
                }
            }
            scanlines.write(0);
            scanlines.writeBytes(row);
        }
        return withHeader(width, height, bitDepth, colourType, scanlines.toByteArray());
    }

    /**
     * A PNG bomb: a header declaring {@code width × height} 8-bit gray pixels, followed by the compressed first
     * {@code rows} rows only (a decoder allocates the whole raster first).
     */
    static byte[] bomb(int width, int height, int rows) {
        return withHeader(width, height, 8, 0, new byte[(width + 1) * rows]);
    }

    private static byte[] withHeader(int width, int height, int bitDepth, int colourType, byte[] scanlines) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(scanlines);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
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
