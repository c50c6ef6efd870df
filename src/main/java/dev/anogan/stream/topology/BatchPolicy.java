package dev.anogan.stream.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * When a stream thread scores the patches its tasks have buffered.
 *
 * @param maxBatchSize as soon as the thread's tasks together have this many buffered
 * @param maxBatchWait once the oldest of them has waited this long (wall clock), checked every
 *                     {@link #checkInterval()}
 */
public record BatchPolicy(int maxBatchSize, Duration maxBatchWait) {

    /** Punctuations per batch wait. */
    public static final int CHECKS_PER_WAIT = 4;
    private static final Duration MIN_CHECK_INTERVAL = Duration.ofMillis(1);

    public BatchPolicy {
        Objects.requireNonNull(maxBatchWait, "maxBatchWait");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        if (maxBatchWait.isNegative() || maxBatchWait.isZero()) {
            throw new IllegalArgumentException("maxBatchWait must be positive, got " + maxBatchWait);
        }
    }

    /**
     * How often each task checks whether its thread's batch is due and forwards what the thread scored for it
     * (each task's punctuator): a {@link #CHECKS_PER_WAIT}th of the wait, at least 1 ms. A patch waits at most the
     * wait and one interval before it is scored; a task's results wait at most one interval to be forwarded.
     */
    public Duration checkInterval() {
        Duration interval = maxBatchWait.dividedBy(CHECKS_PER_WAIT);
        return interval.compareTo(MIN_CHECK_INTERVAL) < 0 ? MIN_CHECK_INTERVAL : interval;
    }
}
