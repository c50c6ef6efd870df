package dev.anogan.stream.web;

import java.util.Arrays;

/** The newest end-to-end latencies and their percentiles. Not thread-safe: its owner locks. */
final class LatencySamples {

    private final long[] ring;
    private int size;
    private int next;

    LatencySamples(int capacity) {
        ring = new long[capacity];
    }

    void add(long millis) {
        ring[next] = millis;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** Nearest-rank percentiles of the samples held; null when there are none. */
    FeedStats.Latency percentiles() {
        if (size == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(ring, size);
        Arrays.sort(sorted);
        return new FeedStats.Latency(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), size);
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
