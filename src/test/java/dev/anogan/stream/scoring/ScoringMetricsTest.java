package dev.anogan.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import dev.anogan.stream.batching.BatcherSettings;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.FashionMnist;
import dev.anogan.stream.testing.SharedBundle;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batcher's meters count what it scored: calls, batch sizes, verdicts and scores against the threshold. */
@ExtendWith(SharedBundle.class)
class ScoringMetricsTest {

    @Test
    void everyModelCallAndVerdictIsCounted(ModelBundle bundle) throws Exception {
        Scorer scorer = new ScorerFactory(OrtEnvironment.getEnvironment(), bundle)
                .create(bundle.manifest().method("egbad"), 0, 1);
        MeterRegistry registry = new SimpleMeterRegistry();
        FashionMnist data = FashionMnist.test();
        List<Patch> patches = IntStream.range(0, 40).mapToObj(data::patch).toList();
        List<PatchVerdict> scores;
        try (ScoringBatcher batcher = new ScoringBatcher(scorer, new BatcherSettings(16, Duration.ofMillis(5), 1024, "metrics-test"), 1,
                new ScoringMetrics(registry, "egbad", scorer.calibration()))) {
            scores = batcher.score(patches);
        }
        long anomalous = scores.stream().filter(PatchVerdict::anomalous).count();
        assertTrue(anomalous > 0 && anomalous < patches.size(), "the sample needs both verdicts: " + anomalous);
        assertEquals(anomalous, registry.get("anogan.patches.scored").tag("verdict", "anomalous").counter().count());
        assertEquals(patches.size() - anomalous,
                registry.get("anogan.patches.scored").tag("verdict", "normal").counter().count());
        long calls = registry.get("anogan.model.calls").tag("method", "egbad").timer().count();
        DistributionSummary sizes = registry.get("anogan.batch.size").summary();
        assertEquals(calls, sizes.count());
        assertEquals(patches.size(), sizes.totalAmount());

        DistributionSummary distribution = registry.get("anogan.scores").summary();
        assertEquals(patches.size(), distribution.count());
        double threshold = scorer.calibration().threshold();
        CountAtBucket atThreshold = Arrays.stream(distribution.takeSnapshot().histogramCounts())
                .filter(b -> b.bucket() == threshold).findFirst().orElseThrow();
        assertEquals(patches.size() - anomalous, atThreshold.count(), "scores at or below the threshold");
    }
}
