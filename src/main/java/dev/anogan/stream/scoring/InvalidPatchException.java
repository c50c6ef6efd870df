package dev.anogan.stream.scoring;

/** A patch that the model cannot score; {@link #reason()} says why, for the dead-letter topic. */
public final class InvalidPatchException extends RuntimeException {

    /** Why a patch was refused. */
    public enum Reason {
        SIZE_MISMATCH,
        CHANNEL_MISMATCH,
        BYTE_COUNT_MISMATCH,
        NON_FINITE_PIXEL,
        PIXEL_OUT_OF_RANGE
    }

    private final Reason reason;

    public InvalidPatchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
