package dev.anogan.stream.topology;

/**
 * Latencies in whole milliseconds, counted per millisecond up to a limit (longer ones share the last bucket), so
 * that a run of millions of patches takes no more memory than a run of a thousand. Not thread-safe.
 */
final class LatencyHistogram {

    private final long[] counts;
    private long total;

    /** @param limitMs latencies from this on are counted as {@code limitMs} */
    LatencyHistogram(int limitMs) {
        counts = new long[limitMs + 1];
    }

    void add(long millis) {
        counts[(int) Math.max(0, Math.min(counts.length - 1, millis))]++;
        total++;
    }

    long count() {
        return total;
    }

    /** The nearest-rank percentile {@code q} (0..1) in ms; NaN when empty. */
    double percentile(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int ms = 0; ms < counts.length; ms++) {
            seen += counts[ms];
            if (seen >= rank) {
                return ms;
            }
        }
        return counts.length - 1;
    }
}
