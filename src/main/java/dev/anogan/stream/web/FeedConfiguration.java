package dev.anogan.stream.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The dashboard's live feed of scores, alerts and image verdicts ({@code anogan.web.feed.*}; env vars such as
 * {@code ANOGAN_WEB_FEED_RECENT_SCORES}). The feed runs when the service has a Kafka cluster and a schema registry.
 */
@ConfigurationProperties(FeedConfiguration.PREFIX)
public class FeedConfiguration {

    public static final String PREFIX = "anogan.web.feed";

    /** Newest scores kept in memory (the scores list and the histogram). */
    @Min(1)
    private int recentScores = 500;

    /** Newest alerts kept in memory, with their images (three float images each). */
    @Min(1)
    private int recentAlerts = 50;

    /**
     * Newest image verdicts kept in memory, with their images (the stitched map and the image, up to
     * {@code anogan.images.max-map-side} a side each); also how many per partition are read back at start.
     */
    @Min(1)
    private int recentImages = 20;

    /** Records per partition read back from before the feed started, so that a restart shows recent history. */
    @Min(0)
    private int history = 300;

    /** Most end-to-end latencies the percentiles are computed over (the newest, within the window). */
    @Min(1)
    private int latencySamples = 1000;

    /** The window the throughput is averaged over and the latency percentiles are taken from. */
    @NotNull
    private Duration throughputWindow = Duration.ofSeconds(10);

    /** Bars of the score histogram, which spans 0 to twice the threshold (higher scores go to an overflow bar). */
    @Min(1)
    private int histogramBins = 40;

    /** Longest wait between attempts to reach the cluster (the wait doubles from one second up to this). */
    @NotNull
    private Duration maxRetryBackoff = Duration.ofSeconds(30);

    public int getRecentScores() {
        return recentScores;
    }

    public void setRecentScores(int recentScores) {
        this.recentScores = recentScores;
    }

    public int getRecentAlerts() {
        return recentAlerts;
    }

    public void setRecentAlerts(int recentAlerts) {
        this.recentAlerts = recentAlerts;
    }

    public int getRecentImages() {
        return recentImages;
    }

    public void setRecentImages(int recentImages) {
        this.recentImages = recentImages;
    }

    public int getHistory() {
        return history;
    }

    public void setHistory(int history) {
        this.history = history;
    }

    public int getLatencySamples() {
        return latencySamples;
    }

    public void setLatencySamples(int latencySamples) {
        this.latencySamples = latencySamples;
    }

    public Duration getThroughputWindow() {
        return throughputWindow;
    }

    public void setThroughputWindow(Duration throughputWindow) {
        this.throughputWindow = throughputWindow;
    }

    public int getHistogramBins() {
        return histogramBins;
    }

    public void setHistogramBins(int histogramBins) {
        this.histogramBins = histogramBins;
    }

    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }
}
