package dev.anogan.stream.serde;

import dev.anogan.stream.avro.DeadLetterReason;

/**
 * Bytes that cannot be turned into a record: the record belongs on the dead-letter topic with
 * {@link Reason#deadLetterReason()}. (A registry that cannot be reached is not the record's fault, and raises
 * {@link dev.anogan.stream.registry.RegistryException} instead.)
 */
public class RecordDecodingException extends RuntimeException {

    /** What was wrong with the bytes. */
    public enum Reason {
        /** Not the Confluent wire format (too short, bad magic byte). */
        BAD_WIRE_FORMAT(DeadLetterReason.UNDECODABLE),
        /** The writer schema's id is not in the registry. */
        UNKNOWN_SCHEMA_ID(DeadLetterReason.UNKNOWN_SCHEMA),
        /**
         * The registry serves the writer schema, but not as a plain Avro schema (a JSON Schema or Protobuf schema,
         * or an Avro schema with references): records with this id cannot be read, others still can.
         */
        UNUSABLE_SCHEMA(DeadLetterReason.UNKNOWN_SCHEMA),
        /** The Avro payload does not decode with the writer schema, or that schema does not resolve to ours. */
        UNDECODABLE(DeadLetterReason.UNDECODABLE);

        private final DeadLetterReason deadLetterReason;

        Reason(DeadLetterReason deadLetterReason) {
            this.deadLetterReason = deadLetterReason;
        }

        /** The reason to give on the dead-letter topic. */
        public DeadLetterReason deadLetterReason() {
            return deadLetterReason;
        }
    }

    private final Reason reason;

    public RecordDecodingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
