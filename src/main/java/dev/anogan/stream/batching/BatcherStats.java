package dev.anogan.stream.batching;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot of a {@link DynamicBatcher}'s activity, for metrics and for tuning its settings.
 *
 * @param batchSizeCounts for each batch size, how many batches of that size the function was given,
 *                        failed ones included
 * @param failedBatches   batches whose function threw or returned the wrong number of results
 * @param queueDepth      items queued and not yet handed to the function when the snapshot was taken
 */
public record BatcherStats(SortedMap<Integer, Long> batchSizeCounts, long failedBatches, int queueDepth) {

    public BatcherStats {
        batchSizeCounts = Collections.unmodifiableSortedMap(new TreeMap<>(batchSizeCounts));
    }

    /** Batches run so far, failed ones included. */
    public long batchesRun() {
        return batchSizeCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Items handed to the function so far, those of failed batches included. */
    public long itemsProcessed() {
        return batchSizeCounts.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
    }

    /** The largest batch run so far, 0 before the first. */
    public int largestBatch() {
        return batchSizeCounts.isEmpty() ? 0 : batchSizeCounts.lastKey();
    }

    /** Items per batch, 0 before the first batch. */
    public double meanBatchSize() {
        long batches = batchesRun();
        return batches == 0 ? 0 : (double) itemsProcessed() / batches;
    }
}
