package dev.anogan.stream.registry;

/**
 * A schema registry that refused a request or could not be reached, with the registry's own error code and
 * message (its JSON error body {@code {"error_code": ..., "message": ...}}).
 */
public class RegistryException extends RuntimeException {

    /** {@link #status()} and {@link #errorCode()} of a request that got no response. */
    public static final int NO_RESPONSE = 0;

    private final String url;
    private final int status;
    private final int errorCode;
    private final String errorMessage;

    /** A refusal, on the first attempt. */
    public RegistryException(String url, int status, int errorCode, String errorMessage) {
        this(url, status, errorCode, errorMessage, 1, null);
    }

    /**
     * A refusal, or with {@code status} {@link #NO_RESPONSE} no answer at all, after {@code attempts} attempts.
     *
     * @param url          the request's URL, or the registry's for an in-process call
     * @param errorMessage the registry's message, or what went wrong when there was no response
     */
    public RegistryException(String url, int status, int errorCode, String errorMessage, int attempts,
                             Throwable cause) {
        super(describe(url, status, errorCode, errorMessage, attempts), cause);
        this.url = url;
        this.status = status;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    private static String describe(String url, int status, int errorCode, String errorMessage, int attempts) {
        String outcome = status == NO_RESPONSE
                ? "did not answer: " + errorMessage
                : "answered HTTP " + status + ", error code " + errorCode + ": " + errorMessage;
        String tries = attempts > 1 ? " (gave up after " + attempts + " attempts)" : "";
        return "Schema registry " + url + " " + outcome + tries;
    }

    public String url() {
        return url;
    }

    /** The HTTP status, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** The registry's error code (e.g. 40403), the HTTP status when its body had none, or {@link #NO_RESPONSE}. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own message, without the URL and codes that {@link #getMessage()} adds. */
    public String errorMessage() {
        return errorMessage;
    }

    /** Whether the registry has no schema with the id asked for (error code 40403). */
    public boolean isSchemaNotFound() {
        return errorCode == RegistryError.SCHEMA_NOT_FOUND.code();
    }
}
