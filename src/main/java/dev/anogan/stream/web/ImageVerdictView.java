package dev.anogan.stream.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.anogan.stream.avro.AnomalousPatch;
import dev.anogan.stream.avro.ImageVerdict;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image verdict as the REST API shows it: the verdict and its counts, without pixels; the pictures are at the
 * addresses in {@code images}.
 *
 * @param score  the image's score; null when no patch was scored
 * @param images the PNG address of each {@link VerdictPicture} the verdict can show, by name (overlay, image, map)
 */
@Introspected
@JsonInclude(JsonInclude.Include.ALWAYS) // every field, even when null or empty (no anomalous patch, no picture)
public record ImageVerdictView(String imageId, String sourceId, Instant captureTime, String model,
                               String modelVersion, String method, int imageWidth, int imageHeight, String status,
                               int patchesExpected, int patchesScored, int patchesDeadLettered, int patchesMissing,
                               @Nullable Double score, String aggregation, boolean imageCalibrated, double threshold,
                               boolean anomalous, double patchThreshold, List<Patch> anomalousPatches, int mapScale,
                               Instant openedAt, Instant decidedAt, Map<String, String> images) {

    /** A patch judged anomalous on its own: where it lies in the image and its score. */
    @Introspected
    public record Patch(String patchId, int x, int y, int width, int height, float score) {

        static Patch of(AnomalousPatch p) {
            return new Patch(p.getPatchId(), p.getX(), p.getY(), p.getWidth(), p.getHeight(), p.getScore());
        }
    }

    static ImageVerdictView of(ImageVerdict v) {
        Map<String, String> images = new LinkedHashMap<>();
        String id = PathSegments.encode(v.getImageId());
        for (VerdictPicture picture : VerdictPicture.values()) {
            if (picture.availableIn(v)) {
                images.put(picture.path(), "/api/images/" + id + "/" + picture.path() + ".png");
            }
        }
        return new ImageVerdictView(v.getImageId(), v.getSourceId(), v.getCaptureTime(), v.getModel(),
                v.getModelVersion(), v.getMethod(), v.getImageWidth(), v.getImageHeight(), v.getStatus().name(),
                v.getPatchesExpected(), v.getPatchesScored(), v.getPatchesDeadLettered(), v.getPatchesMissing(),
                v.getScore(), v.getAggregation(), v.getImageCalibrated(), v.getThreshold(), v.getAnomalous(),
                v.getPatchThreshold(), v.getAnomalousPatches().stream().map(Patch::of).toList(), v.getMapScale(),
                v.getOpenedAt(), v.getDecidedAt(), images);
    }
}
