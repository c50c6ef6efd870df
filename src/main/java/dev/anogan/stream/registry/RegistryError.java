package dev.anogan.stream.registry;

/** The Confluent Schema Registry errors that the in-process registry answers with: HTTP status and error code. */
enum RegistryError {
    UNAUTHORIZED(401, 401),
    NOT_FOUND(404, 404),
    SUBJECT_NOT_FOUND(404, 40401),
    VERSION_NOT_FOUND(404, 40402),
    SCHEMA_NOT_FOUND(404, 40403),
    SUBJECT_SOFT_DELETED(404, 40404),
    SUBJECT_NOT_SOFT_DELETED(404, 40405),
    VERSION_SOFT_DELETED(404, 40406),
    VERSION_NOT_SOFT_DELETED(404, 40407),
    SUBJECT_COMPATIBILITY_NOT_CONFIGURED(404, 40408),
    METHOD_NOT_ALLOWED(405, 405),
    INCOMPATIBLE_SCHEMA(409, 409),
    INVALID_SCHEMA(422, 42201),
    INVALID_VERSION(422, 42202),
    INVALID_COMPATIBILITY_LEVEL(422, 42203),
    STORE_ERROR(500, 50001);

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
