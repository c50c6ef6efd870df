package dev.anogan.stream.png;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The IHDR chunk of a PNG, read from the first 33 bytes without decoding any pixels, so that a file declaring a
 * size or a layout the model cannot take is refused before a decoder allocates its raster.
 *
 * <p>Channels follow one rule, the trainer's too: alpha is dropped (gray+alpha → 1 channel, RGBA → 3); gray at
 * any depth is 1 channel; palette images are 3 (RGB).
 *
 * @param width      pixels per row
 * @param height     rows
 * @param bitDepth   bits per sample (per palette index for palette images): 1, 2, 4, 8 or 16
 * @param colourType 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
 */
public record PngHeader(int width, int height, int bitDepth, int colourType) {

    public static final int GRAY = 0;
    public static final int RGB = 2;
    public static final int PALETTE = 3;
    public static final int GRAY_ALPHA = 4;
    public static final int RGBA = 6;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int IHDR_LENGTH = 13;
    /** Signature, chunk length and type, the IHDR's data. */
    private static final int HEADER_BYTES = SIGNATURE.length + 8 + IHDR_LENGTH;

    /** @throws IllegalArgumentException saying why the bytes do not start as a PNG does */
    public static PngHeader read(byte[] png) {
        if (png.length < SIGNATURE.length || !Arrays.equals(Arrays.copyOf(png, SIGNATURE.length), SIGNATURE)) {
            throw new IllegalArgumentException("the body is not a PNG image (it lacks the PNG signature)");
        }
        if (png.length < HEADER_BYTES) {
            throw new IllegalArgumentException("the PNG is truncated: it ends within its IHDR header");
        }
        ByteBuffer in = ByteBuffer.wrap(png, SIGNATURE.length, HEADER_BYTES - SIGNATURE.length);
        int length = in.getInt();
        byte[] type = new byte[4];
        in.get(type);
        if (length != IHDR_LENGTH || !Arrays.equals(type, new byte[] {'I', 'H', 'D', 'R'})) {
            throw new IllegalArgumentException("the PNG does not start with its IHDR header chunk");
        }
        PngHeader header = new PngHeader(in.getInt(), in.getInt(), in.get() & 0xFF, in.get() & 0xFF);
        if (header.width() <= 0 || header.height() <= 0) {
            throw new IllegalArgumentException("the PNG declares an invalid size " + header.size());
        }
        if (!validDepth(header.colourType(), header.bitDepth())) {
            throw new IllegalArgumentException("the PNG declares colour type " + header.colourType()
                    + " with bit depth " + header.bitDepth() + ", which PNG does not define");
        }
        return header;
    }

    /** Channels of the patch this PNG becomes: alpha dropped, palette as RGB. */
    public int channels() {
        return colourType == GRAY || colourType == GRAY_ALPHA ? 1 : 3;
    }

    /** Whether samples are 16-bit, so that the patch is uint16 (palette indices never are). */
    public boolean wide() {
        return bitDepth == 16;
    }

    public String size() {
        return width + "x" + height;
    }

    /** For messages: "8-bit gray+alpha", "4-bit palette". */
    public String describe() {
        String kind = switch (colourType) {
            case GRAY -> "gray";
            case RGB -> "RGB";
            case PALETTE -> "palette";
            case GRAY_ALPHA -> "gray+alpha";
            default -> "RGBA";
        };
        return bitDepth + "-bit " + kind;
    }

    private static boolean validDepth(int colourType, int bitDepth) {
        return switch (colourType) {
            case GRAY -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case RGB, GRAY_ALPHA, RGBA -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
    }
}
