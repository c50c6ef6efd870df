package dev.anogan.stream.batching;

import java.util.SortedMap;
import java.util.TreeMap;

/** Counts the batches a worker runs; written by the worker, read by whoever asks for stats. */
final class StatsRecorder {

    private final SortedMap<Integer, Long> batchSizeCounts = new TreeMap<>();
    private long failedBatches;

    synchronized void record(int batchSize, boolean succeeded) {
        batchSizeCounts.merge(batchSize, 1L, Long::sum);
        if (!succeeded) {
            failedBatches++;
        }
    }

    synchronized BatcherStats snapshot(int queueDepth) {
        return new BatcherStats(batchSizeCounts, failedBatches, queueDepth);
    }
}
