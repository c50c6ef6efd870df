package dev.anogan.stream.topology;

import dev.anogan.stream.avro.PatchScore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark learns from the scores it reads: their end-to-end latencies, and from the scores themselves
 * the batch each was scored in, the model's time for that batch and whether it raised an alert. Written by one
 * thread; {@link #count()} may be read by any.
 */
final class ScoreTally {

    private final LatencyHistogram latencies;
    private final AtomicLong count = new AtomicLong();
    private double modelMicros;
    private long batchSizes;
    private long anomalous;

    ScoreTally(int latencyLimitMs) {
        latencies = new LatencyHistogram(latencyLimitMs);
    }

    void add(long latencyMs, PatchScore score) {
        latencies.add(latencyMs);
        modelMicros += (double) score.getLatencyMicros() / score.getBatchSize();
        batchSizes += score.getBatchSize();
        anomalous += score.getAnomalous() ? 1 : 0;
        count.incrementAndGet();
    }

    long count() {
        return count.get();
    }

    /** Nearest-rank latency percentile, ms. */
    double percentile(double q) {
        return latencies.percentile(q);
    }

    /** The mean size of the model calls, weighted by patch. */
    double meanBatch() {
        return (double) batchSizes / count.get();
    }

    /** The share of the scores that judged their patch anomalous (each of which raised an alert with its images). */
    double anomalousShare() {
        return (double) anomalous / count.get();
    }

    /** The model's own time (ONNX Runtime call and its pre- and post-processing) per patch, ms. */
    double modelMsPerPatch() {
        return modelMicros / 1e3 / count.get();
    }
}
