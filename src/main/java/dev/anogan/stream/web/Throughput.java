package dev.anogan.stream.web;

/**
 * Events per second over a sliding window of whole seconds (one counter per second, reused round-robin).
 * Not thread-safe: its owner locks.
 */
final class Throughput {

    private final long[] seconds;
    private final long[] counts;

    Throughput(int windowSeconds) {
        seconds = new long[windowSeconds];
        counts = new long[windowSeconds];
    }

    void record(long nowMillis) {
        long second = nowMillis / 1000;
        int slot = (int) (second % seconds.length);
        if (seconds[slot] != second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** The mean rate over the window that ends now (the current, partial second included). */
    double perSecond(long nowMillis) {
        long now = nowMillis / 1000;
        long total = 0;
        for (int i = 0; i < seconds.length; i++) {
            if (now - seconds[i] < seconds.length && seconds[i] <= now) {
                total += counts[i];
            }
        }
        return (double) total / seconds.length;
    }

    int windowSeconds() {
        return seconds.length;
    }
}
