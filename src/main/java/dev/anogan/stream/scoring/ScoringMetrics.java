package dev.anogan.stream.scoring;

import dev.anogan.stream.model.Calibration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * The scoring core's meters, tagged with the method: ONNX Runtime call time and batch size per model call, and
 * the score distribution with its verdicts. Score buckets sit at the calibration's 50th, 90th, 95th and 99th
 * percentiles of normal scores and at the threshold, so a drift of normal patches shows in them.
 */
public final class ScoringMetrics {

    private static final int[] CALIBRATION_BUCKETS = {50, 90, 95, 99};

    private final Timer modelCalls;
    private final DistributionSummary batchSizes;
    private final DistributionSummary scores;
    private final Counter normal;
    private final Counter anomalous;
    private final Counter failedBatches;

    public ScoringMetrics(MeterRegistry registry, String method, Calibration calibration) {
        modelCalls = Timer.builder("anogan.model.calls").description("ONNX Runtime time per batch (whole search)")
                .tag("method", method).publishPercentiles(0.5, 0.95, 0.99).register(registry);
        batchSizes = DistributionSummary.builder("anogan.batch.size").description("Patches per model call")
                .tag("method", method).baseUnit("patches").publishPercentiles(0.5, 0.95).register(registry);
        scores = DistributionSummary.builder("anogan.scores").description("Anomaly scores")
                .tag("method", method).serviceLevelObjectives(buckets(calibration)).register(registry);
        normal = verdicts(registry, method, "normal");
        anomalous = verdicts(registry, method, "anomalous");
        failedBatches = Counter.builder("anogan.batches.failed").description("Model calls that failed")
                .tag("method", method).register(registry);
    }

    /** Meters that go nowhere, for scorers outside the service (benchmarks). */
    public static ScoringMetrics unregistered(String method, Calibration calibration) {
        return new ScoringMetrics(new CompositeMeterRegistry(), method, calibration);
    }

    private static Counter verdicts(MeterRegistry registry, String method, String verdict) {
        return Counter.builder("anogan.patches.scored").description("Patches scored, by verdict")
                .tag("method", method).tag("verdict", verdict).register(registry);
    }

    private static double[] buckets(Calibration calibration) {
        return DoubleStream.concat(
                        Arrays.stream(CALIBRATION_BUCKETS).mapToDouble(p -> percentile(calibration, p)),
                        DoubleStream.of(calibration.threshold()))
                .sorted().distinct().toArray();
    }

    /** The calibration table's value nearest percentile {@code p} (the table spans 0..100 in equal steps). */
    private static double percentile(Calibration calibration, int p) {
        double[] table = calibration.percentiles();
        return table[(int) Math.round(p / 100.0 * (table.length - 1))];
    }

    /** One model call's results (they share its batch size and time). */
    void recordBatch(List<PatchVerdict> batch) {
        if (batch.isEmpty()) {
            return;
        }
        PatchVerdict first = batch.get(0);
        modelCalls.record(Duration.ofNanos(first.latencyNanos()));
        batchSizes.record(first.batchSize());
        for (PatchVerdict score : batch) {
            scores.record(score.score());
            (score.anomalous() ? anomalous : normal).increment();
        }
    }

    void recordFailedBatch() {
        failedBatches.increment();
    }
}
