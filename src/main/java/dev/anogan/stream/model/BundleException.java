package dev.anogan.stream.model;

/**
 * A model bundle that cannot be served: its manifest, one of its files or one of its graphs does not
 * check out. The message names the file and the problem; start-up stops on it.
 */
public final class BundleException extends RuntimeException {

    public BundleException(String file, String problem) {
        super(file + ": " + problem);
    }

    public BundleException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
