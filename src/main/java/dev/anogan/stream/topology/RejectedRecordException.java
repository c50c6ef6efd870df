package dev.anogan.stream.topology;

import dev.anogan.stream.avro.DeadLetterReason;

/** A record that cannot be scored, and why: it goes to the dead-letter topic. */
final class RejectedRecordException extends RuntimeException {

    private final DeadLetterReason reason;

    RejectedRecordException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    DeadLetterReason reason() {
        return reason;
    }
}
