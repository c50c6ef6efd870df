package dev.anogan.stream.web;

import dev.anogan.stream.avro.AnomalyAlert;
import io.micronaut.core.annotation.Introspected;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert as the REST API shows it: the verdict and the addresses of its images.
 *
 * @param metadata the patch's metadata as its scanner sent it (the demo scanner's: label, labelName, expected)
 * @param images   the PNG address of each {@link AlertImage} by its name (patch, reconstruction, map)
 */
@Introspected
public record AlertView(String patchId, String sourceId, String imageId, int x, int y, Instant captureTime,
                        String model, String modelVersion, String method, float score, Map<String, Float> parts,
                        double threshold, double percentile, Instant scoredAt, Map<String, String> metadata,
                        Map<String, String> images) {

    static AlertView of(AnomalyAlert a) {
        Map<String, String> images = new LinkedHashMap<>();
        String id = PathSegments.encode(a.getPatchId());
        for (AlertImage image : AlertImage.values()) {
            images.put(image.path(), "/api/alerts/" + id + "/" + image.path() + ".png");
        }
        return new AlertView(a.getPatchId(), a.getSourceId(), a.getImageId(), a.getX(), a.getY(), a.getCaptureTime(),
                a.getModel(), a.getModelVersion(), a.getMethod(), a.getScore(), Map.copyOf(a.getParts()),
                a.getThreshold(), a.getPercentile(), a.getScoredAt(), Map.copyOf(a.getMetadata()), images);
    }
}
