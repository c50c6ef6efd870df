package dev.anogan.stream.web;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * The live numbers of the dashboard.
 *
 * @param connected     whether the feed is reading the topics now
 * @param since         when the feed started
 * @param throughput    scores per second over the recent window (live records only)
 * @param latencyMillis end-to-end latency percentiles of the live scores within the throughput window; null when
 *                      none came in it
 * @param counts        scores per verdict and alerts, since the feed started (read-back history included)
 * @param histogram     the recent scores against the threshold; null before the first score
 */
@Introspected
public record FeedStats(boolean connected, Instant since, Throughput throughput, @Nullable Latency latencyMillis,
                        Counts counts, @Nullable Histogram histogram) {

    /** Scores per second, averaged over the last {@code windowSeconds}. */
    @Introspected
    public record Throughput(double scoresPerSecond, int windowSeconds) {
    }

    /** Nearest-rank percentiles of {@code samples} end-to-end latencies, in milliseconds. */
    @Introspected
    public record Latency(long p50, long p95, long p99, int samples) {
    }

    /** How many scores were normal, how many anomalous, how many alerts came, and records that could not be read. */
    @Introspected
    public record Counts(long normal, long anomalous, long alerts, long unreadable) {
    }

    /**
     * Score counts in {@code bins.length} bars of {@code binWidth} from {@code from}; {@code overflow} counts the
     * scores past the last bar.
     *
     * @param scores how many recent scores the histogram covers
     */
    @Introspected
    public record Histogram(double from, double binWidth, long[] bins, long overflow, double threshold, int scores) {
    }
}
