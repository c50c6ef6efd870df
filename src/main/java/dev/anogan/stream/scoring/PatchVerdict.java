package dev.anogan.stream.scoring;

import java.util.Map;
import java.util.Optional;

/**
 * The verdict on one patch, as the scorer returns it. The topology turns it into the Avro {@code PatchScore} record
 * (and an {@code AnomalyAlert}) of the output topics; the REST API into a {@code ScoreResult}.
 *
 * @param method         the scoring method
 * @param score          the anomaly score (higher is more anomalous)
 * @param parts          the score's parts by name (residual, discrimination, ...)
 * @param threshold      the calibrated threshold the score was compared with
 * @param anomalous      {@code score > threshold}
 * @param percentile     where the score lies among the calibration normals, 0..100
 * @param steps          search steps taken
 * @param batchSize      how many patches shared the ONNX Runtime call
 * @param latencyNanos   the time of the batch's ONNX Runtime call(s)
 * @param reconstruction G(z) over the patch's own region ([C, H, W]), when asked for
 * @param anomalyMap     |x − G(z)| over the patch's own region ([C, H, W]), when asked for
 */
public record PatchVerdict(String method, float score, Map<String, Float> parts, double threshold, boolean anomalous,
                           double percentile, int steps, int batchSize, long latencyNanos,
                           Optional<float[]> reconstruction, Optional<float[]> anomalyMap) {
}
