package dev.anogan.stream.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of measured durations (nearest rank). */
record LatencyStats(double p50Millis, double p99Millis, int samples) {

    static LatencyStats of(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new LatencyStats(rank(sorted, 0.50) / 1e6, rank(sorted, 0.99) / 1e6, sorted.length);
    }

    private static long rank(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
