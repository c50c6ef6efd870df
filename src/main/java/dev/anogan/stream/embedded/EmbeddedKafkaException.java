package dev.anogan.stream.embedded;

/** The embedded broker could not be prepared, started or asked to create topics. */
public class EmbeddedKafkaException extends RuntimeException {

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
