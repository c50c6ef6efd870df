package dev.anogan.stream.registry;

/** The Confluent Schema Registry errors that the in-memory registry answers with: HTTP status and error code. */
enum RegistryError {
    UNAUTHORIZED(401, 401),
    NOT_FOUND(404, 404),
    SUBJECT_NOT_FOUND(404, 40401),
    SCHEMA_NOT_FOUND(404, 40403),
    METHOD_NOT_ALLOWED(405, 405),
    INCOMPATIBLE_SCHEMA(409, 409),
    INVALID_SCHEMA(422, 42201),
    INTERNAL(500, 50001);

    private final int status;
    private final int code;

    RegistryError(int status, int code) {
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }

    /** This error, raised by the registry at {@code url}. */
    RegistryException exception(String url, String message) {
        return new RegistryException(url, status, code, message);
    }
}
