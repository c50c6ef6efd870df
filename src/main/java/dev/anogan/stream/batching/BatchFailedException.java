package dev.anogan.stream.batching;

/**
 * The batch that held some of a caller's items failed: the {@link BatchFunction} threw, or returned
 * a result list of the wrong size. Every caller with items in that batch gets its own instance; the
 * cause is what the function threw.
 */
public final class BatchFailedException extends RuntimeException {

    BatchFailedException(String batcherName, int batchSize, Throwable cause) {
        super("batcher " + batcherName + ": batch of " + batchSize + " items failed: " + cause, cause);
    }
}
