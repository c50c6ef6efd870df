package dev.anogan.stream.scoring;

import java.util.Locale;

/**
 * How a patch's pixel values are stored: little-endian, row-major, channels interleaved. The scorer's own type, so
 * scoring does not depend on the wire schema: the Avro {@code PixelEncoding} of an {@code ImagePatch} is mapped to it
 * in {@code PatchDecoder}, the REST API's {@code encoding} parameter by its {@link #manifestName()}.
 */
public enum PixelFormat {
    UINT8(1),
    UINT16(2),
    FLOAT32(4);

    private final int bytesPerValue;

    PixelFormat(int bytesPerValue) {
        this.bytesPerValue = bytesPerValue;
    }

    public int bytesPerValue() {
        return bytesPerValue;
    }

    /** The name the manifest's {@code encoding_max} uses: {@code uint8}, {@code uint16}, {@code float32}. */
    public String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
