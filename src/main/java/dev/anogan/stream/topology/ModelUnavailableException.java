package dev.anogan.stream.topology;

import org.apache.kafka.streams.errors.StreamsException;

/**
 * The model failed on a known-good patch as well: nothing can be scored. The task fails so that the transaction
 * aborts and its patches stay buffered (no dead letters); the stream thread is replaced after a back-off, and
 * liveness reports the model down.
 */
final class ModelUnavailableException extends StreamsException {

    ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
