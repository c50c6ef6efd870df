package dev.anogan.stream.serde;

/** Bytes that are not a message in the Confluent Schema Registry wire format ({@link WireFormat}). */
public class WireFormatException extends RuntimeException {

    /** What was wrong with the bytes. */
    public enum Reason {
        /** Null, or fewer bytes than the 5-byte header. */
        TOO_SHORT,
        /** The first byte is not {@link WireFormat#MAGIC_BYTE}. */
        BAD_MAGIC_BYTE
    }

    private final Reason reason;

    public WireFormatException(Reason reason, String detail) {
        super("Not a schema-registry framed message: " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
