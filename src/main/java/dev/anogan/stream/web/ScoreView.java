package dev.anogan.stream.web;

import dev.anogan.stream.avro.PatchScore;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * A score event as the REST API shows it.
 *
 * @param producedAt     the score record's timestamp: when the input patch was produced
 * @param endToEndMillis from {@code producedAt} to the moment the score became visible to the feed; null for
 *                       records read back from before the feed started
 */
@Introspected
public record ScoreView(String patchId, String sourceId, String imageId, int x, int y, Instant captureTime,
                        String model, String modelVersion, String method, float score, Map<String, Float> parts,
                        double threshold, boolean anomalous, double percentile, int steps, int batchSize,
                        long latencyMicros, Instant scoredAt, Instant producedAt, @Nullable Long endToEndMillis) {

    static ScoreView of(PatchScore s, long producedAtMillis, @Nullable Long endToEndMillis) {
        return new ScoreView(s.getPatchId(), s.getSourceId(), s.getImageId(), s.getX(), s.getY(), s.getCaptureTime(),
                s.getModel(), s.getModelVersion(), s.getMethod(), s.getScore(), Map.copyOf(s.getParts()),
                s.getThreshold(), s.getAnomalous(), s.getPercentile(), s.getSteps(), s.getBatchSize(),
                s.getLatencyMicros(), s.getScoredAt(), Instant.ofEpochMilli(producedAtMillis), endToEndMillis);
    }
}
