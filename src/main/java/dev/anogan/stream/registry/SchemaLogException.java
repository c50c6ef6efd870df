package dev.anogan.stream.registry;

/** The {@link SchemaLog} could not be written or read; the registry answers 500 with error code 50001. */
final class SchemaLogException extends RuntimeException {

    SchemaLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
