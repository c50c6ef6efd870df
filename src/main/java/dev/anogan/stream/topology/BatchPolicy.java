package dev.anogan.stream.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * When a task scores its buffered patches.
 *
 * @param maxBatchSize as soon as this many are buffered
 * @param maxBatchWait at the latest this long (wall clock) after the previous check
 */
public record BatchPolicy(int maxBatchSize, Duration maxBatchWait) {

    public BatchPolicy {
        Objects.requireNonNull(maxBatchWait, "maxBatchWait");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        if (maxBatchWait.isNegative() || maxBatchWait.isZero()) {
            throw new IllegalArgumentException("maxBatchWait must be positive, got " + maxBatchWait);
        }
    }
}
