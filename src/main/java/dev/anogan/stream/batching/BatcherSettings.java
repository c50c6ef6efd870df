package dev.anogan.stream.batching;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link DynamicBatcher} forms batches.
 *
 * @param maxBatchSize        the largest batch the function is given; a batch of this size is run as
 *                            soon as that many items are queued
 * @param maxQueueDelay       how long the oldest queued item may wait for a fuller batch
 * @param preferredBatchSizes strictly ascending sizes, each at most {@code maxBatchSize}, that the
 *                            batcher sends when the delay has expired (the largest one that fits the
 *                            queue, else everything queued); empty to always send everything queued
 * @param queueCapacity       the most items queued at once; submitters block beyond it. At least
 *                            {@code maxBatchSize}, since a full batch could never form otherwise
 * @param name                names the batcher in errors and its worker thread ({@code batcher-<name>})
 */
public record BatcherSettings(int maxBatchSize, Duration maxQueueDelay, List<Integer> preferredBatchSizes,
                              int queueCapacity, String name) {

    /** The longest delay that still fits in a long of nanoseconds. */
    private static final Duration LONGEST_DELAY = Duration.ofNanos(Long.MAX_VALUE);

    public BatcherSettings {
        Objects.requireNonNull(maxQueueDelay, "maxQueueDelay");
        Objects.requireNonNull(preferredBatchSizes, "preferredBatchSizes");
        Objects.requireNonNull(name, "name");
        require(maxBatchSize > 0, "maxBatchSize must be > 0, got " + maxBatchSize);
        require(!maxQueueDelay.isNegative() && maxQueueDelay.compareTo(LONGEST_DELAY) <= 0,
                "maxQueueDelay must be between 0 and " + LONGEST_DELAY + ", got " + maxQueueDelay);
        preferredBatchSizes = List.copyOf(preferredBatchSizes);
        for (int i = 0; i < preferredBatchSizes.size(); i++) {
            int size = preferredBatchSizes.get(i);
            require(size > 0 && size <= maxBatchSize,
                    "preferredBatchSizes must lie in 1.." + maxBatchSize + ", got " + preferredBatchSizes);
            require(i == 0 || preferredBatchSizes.get(i - 1) < size,
                    "preferredBatchSizes must be strictly ascending, got " + preferredBatchSizes);
        }
        require(queueCapacity >= maxBatchSize,
                "queueCapacity must be >= maxBatchSize (" + maxBatchSize + "), got " + queueCapacity);
        require(!name.isBlank(), "name must not be blank");
    }

    /** Settings without preferred batch sizes. */
    public BatcherSettings(int maxBatchSize, Duration maxQueueDelay, int queueCapacity, String name) {
        this(maxBatchSize, maxQueueDelay, List.of(), queueCapacity, name);
    }

    /**
     * The size of the batch to send once the oldest item has waited {@link #maxQueueDelay}.
     *
     * @param queuedItems items queued, fewer than {@link #maxBatchSize}
     */
    int batchSizeAfterDelay(int queuedItems) {
        for (int i = preferredBatchSizes.size() - 1; i >= 0; i--) {
            if (preferredBatchSizes.get(i) <= queuedItems) {
                return preferredBatchSizes.get(i);
            }
        }
        return queuedItems;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
