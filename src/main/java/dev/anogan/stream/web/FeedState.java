package dev.anogan.stream.web;

import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.PatchScore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * What the feed has read: bounded rings of the newest scores and alerts and the rolling numbers. Thread-safe; one
 * lock held only for O(ring) copies, so readers never wait on Kafka.
 */
final class FeedState {

    private final FeedConfiguration config;
    private final Instant since;
    private final Deque<ScoreView> scores = new ArrayDeque<>();
    private final Deque<AnomalyAlert> alerts = new ArrayDeque<>();
    private final Throughput throughput;
    private final LatencySamples latencies;
    private long normal;
    private long anomalous;
    private long alertCount;
    private long unreadable;
    private boolean connected;

    FeedState(FeedConfiguration config, Instant since) {
        this.config = config;
        this.since = since;
        int windowSeconds = (int) Math.max(1, config.getThroughputWindow().toSeconds());
        this.throughput = new Throughput(windowSeconds);
        this.latencies = new LatencySamples(config.getLatencySamples(), windowSeconds * 1000L);
    }

    /**
     * A score read from the topic.
     *
     * @param producedAtMillis the record's timestamp (the input patch's)
     * @param live             read as it came (not read back from before the feed started): counts for
     *                         throughput and latency
     * @param nowMillis        when the feed received it
     */
    synchronized void addScore(PatchScore score, long producedAtMillis, boolean live, long nowMillis) {
        Long latency = null;
        if (live) {
            latency = Math.max(0, nowMillis - producedAtMillis);
            latencies.add(latency, nowMillis);
            throughput.record(nowMillis);
        }
        push(scores, ScoreView.of(score, producedAtMillis, latency), config.getRecentScores());
        if (score.getAnomalous()) {
            anomalous++;
        } else {
            normal++;
        }
    }

    synchronized void addAlert(AnomalyAlert alert) {
        push(alerts, alert, config.getRecentAlerts());
        alertCount++;
    }

    synchronized void addUnreadable() {
        unreadable++;
    }

    synchronized void setConnected(boolean connected) {
        this.connected = connected;
    }

    synchronized boolean connected() {
        return connected;
    }

    synchronized long unreadable() {
        return unreadable;
    }

    /** Up to {@code limit} scores, newest first. */
    synchronized List<ScoreView> recentScores(int limit) {
        return newest(scores, limit);
    }

    /** Up to {@code limit} alerts, newest first. */
    synchronized List<AnomalyAlert> recentAlerts(int limit) {
        return newest(alerts, limit);
    }

    /** The newest alert held for {@code patchId}. */
    synchronized Optional<AnomalyAlert> alert(String patchId) {
        return alerts.stream().filter(a -> a.getPatchId().equals(patchId)).findFirst();
    }

    synchronized FeedStats stats(long nowMillis) {
        FeedStats.Histogram histogram = scores.isEmpty() ? null
                : ScoreHistogram.of(scores, scores.getFirst().threshold(), config.getHistogramBins());
        return new FeedStats(connected, since,
                new FeedStats.Throughput(throughput.perSecond(nowMillis), throughput.windowSeconds()),
                latencies.percentiles(nowMillis), new FeedStats.Counts(normal, anomalous, alertCount, unreadable),
                histogram);
    }

    private static <T> void push(Deque<T> ring, T value, int capacity) {
        ring.addFirst(value);
        while (ring.size() > capacity) {
            ring.removeLast();
        }
    }

    private static <T> List<T> newest(Deque<T> ring, int limit) {
        List<T> out = new ArrayList<>(Math.min(limit, ring.size()));
        Iterator<T> it = ring.iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }
}
