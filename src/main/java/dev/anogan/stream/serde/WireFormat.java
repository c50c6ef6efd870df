package dev.anogan.stream.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent Schema Registry wire format: magic byte {@code 0x00}, the writer schema's registry id as a
 * 4-byte big-endian int, then the Avro binary encoding of the record.
 */
public final class WireFormat {

    /** The first byte of every framed message. */
    public static final byte MAGIC_BYTE = 0x00;

    /** Bytes before the Avro payload: the magic byte and the schema id. */
    public static final int HEADER_SIZE = 1 + Integer.BYTES;

    private WireFormat() {
    }

    /**
     * A parsed message.
     *
     * @param schemaId the writer schema's registry id
     * @param payload  the Avro binary, a slice of the parsed array (array-backed, no copy)
     */
    public record Framed(int schemaId, ByteBuffer payload) {
    }

    /** Frames Avro binary {@code avroBytes} written with the schema registered as {@code schemaId}. */
    public static byte[] encode(int schemaId, byte[] avroBytes) {
        return ByteBuffer.allocate(HEADER_SIZE + avroBytes.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(avroBytes)
                .array();
    }

    /**
     * Splits a framed message into its schema id and Avro payload.
     *
     * @throws WireFormatException when {@code bytes} is null, shorter than the header or has another magic byte
     */
    public static Framed parse(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_SIZE) {
            throw new WireFormatException(WireFormatException.Reason.TOO_SHORT, String.format(
                    "%s, expected at least %d bytes (magic byte 0x00 and a 4-byte schema id)",
                    bytes == null ? "no bytes (null)" : bytes.length + " bytes", HEADER_SIZE));
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new WireFormatException(WireFormatException.Reason.BAD_MAGIC_BYTE, String.format(
                    "magic byte 0x%02x, expected 0x%02x (not the Confluent Schema Registry wire format)",
                    bytes[0], MAGIC_BYTE));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int schemaId = buffer.getInt(1);
        return new Framed(schemaId, buffer.position(HEADER_SIZE).slice());
    }
}
