package dev.anogan.stream.web;

import java.util.Arrays;

/**
 * The end-to-end latencies of the scores that arrived within a recent window (at most {@code capacity} of them),
 * and their percentiles. Not thread-safe: its owner locks.
 */
final class LatencySamples {

    private final long[] latencies;
    private final long[] arrivals;
    private final long windowMillis;
    private int size;
    private int next;

    LatencySamples(int capacity, long windowMillis) {
        latencies = new long[capacity];
        arrivals = new long[capacity];
        this.windowMillis = windowMillis;
    }

    void add(long latencyMillis, long arrivalMillis) {
        latencies[next] = latencyMillis;
        arrivals[next] = arrivalMillis;
        next = (next + 1) % latencies.length;
        size = Math.min(size + 1, latencies.length);
    }

    /** Nearest-rank percentiles of the samples that arrived in the window ending now; null when there are none. */
    FeedStats.Latency percentiles(long nowMillis) {
        long[] recent = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (nowMillis - arrivals[i] < windowMillis) {
                recent[n++] = latencies[i];
            }
        }
        if (n == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(recent, n);
        Arrays.sort(sorted);
        return new FeedStats.Latency(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), n);
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
