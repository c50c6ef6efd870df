package dev.anogan.stream.topology;

import dev.anogan.stream.avro.PatchScore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark learns from the scores it reads: their end-to-end latencies, and from the scores themselves
 * the batch each was scored in and the model's time for that batch. Written by one thread; {@link #count()} may
 * be read by any.
 */
final class ScoreTally {

    private final LatencyHistogram latencies;
    private final AtomicLong count = new AtomicLong();
    private double modelMicros;
    private long batchSizes;

    ScoreTally(int latencyLimitMs) {
        latencies = new LatencyHistogram(latencyLimitMs);
    }

    void add(long latencyMs, PatchScore score) {
        latencies.add(latencyMs);
        modelMicros += (double) score.getLatencyMicros() / score.getBatchSize();
        batchSizes += score.getBatchSize();
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

    /** The model's own time (ONNX Runtime call and its pre- and post-processing) per patch, ms. */
    double modelMsPerPatch() {
        return modelMicros / 1e3 / count.get();
    }
}
