package dev.anogan.stream.topology;

import dev.anogan.stream.avro.ImageStatus;
import dev.anogan.stream.avro.ImageVerdict;
import java.util.HashSet;
import java.util.Set;

/**
 * What the benchmark learns from the image verdicts it reads: their end-to-end latencies, how many there were, for
 * how many distinct images, and how many were complete. Not thread-safe.
 */
final class VerdictTally {

    private final LatencyHistogram latencies = new LatencyHistogram(StreamingBenchmark.LATENCY_LIMIT_MS);
    private final Set<String> images = new HashSet<>();
    private long verdicts;
    private long complete;

    void add(long latencyMs, ImageVerdict verdict) {
        latencies.add(latencyMs);
        images.add(verdict.getImageId());
        verdicts++;
        complete += verdict.getStatus() == ImageStatus.COMPLETE ? 1 : 0;
    }

    /** Images with at least one verdict. */
    long images() {
        return images.size();
    }

    /** Verdicts read (repeats included), images with one, and COMPLETE verdicts. */
    Counts counts() {
        return new Counts(verdicts, images.size(), complete);
    }

    /** Nearest-rank latency percentile, ms. */
    double percentile(double q) {
        return latencies.percentile(q);
    }

    record Counts(long verdicts, long images, long complete) {
    }
}
