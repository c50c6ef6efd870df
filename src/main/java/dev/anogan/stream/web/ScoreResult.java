package dev.anogan.stream.web;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.Map;

/**
 * The verdict on one uploaded patch.
 *
 * @param score      the anomaly score (higher is more anomalous)
 * @param parts      the score's parts by name
 * @param threshold  scores above it are anomalous
 * @param percentile where the score lies among the calibration normals, 0..100
 * @param steps      search steps taken
 * @param latency    how long it took
 * @param images     the patch, its reconstruction and anomaly map as PNG data URIs, when asked for
 */
@Introspected
public record ScoreResult(String model, String modelVersion, String method, float score, Map<String, Float> parts,
                          double threshold, boolean anomalous, double percentile, int steps, Latency latency,
                          @Nullable Map<String, String> images) {

    /**
     * @param modelMillis the model call of the batch the patch joined
     * @param batchSize   how many patches shared that call
     * @param totalMillis the request, from body received to verdict
     */
    @Introspected
    public record Latency(double modelMillis, int batchSize, double totalMillis) {
    }
}
