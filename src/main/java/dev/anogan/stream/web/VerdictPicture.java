package dev.anogan.stream.web;

import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.model.InputSpec;
import java.util.Optional;

/**
 * The pictures of an image verdict, all at the verdict's map scale: the image as the model saw it (over the model's
 * input range), the stitched anomaly map (over its own range [0, max]; uncovered pixels black) and the
 * {@link HeatMapOverlay overlay} of the two with the anomalous patches outlined.
 */
enum VerdictPicture implements PictureKind {
    OVERLAY,
    IMAGE,
    MAP;

    /**
     * Whether {@code verdict} has what this picture needs: the map (none when no patch was scored) and, for the
     * image, the image (none from writers before verdicts carried it; the overlay is then drawn over black).
     */
    boolean availableIn(ImageVerdict verdict) {
        return verdict.getAnomalyMap() != null && (this != IMAGE || verdict.getImage() != null);
    }

    /** The picture as a PNG; empty when the verdict lacks what it needs. */
    Optional<byte[]> render(ImageVerdict verdict, InputSpec input) {
        if (!availableIn(verdict)) {
            return Optional.empty();
        }
        return Optional.of(switch (this) {
            case OVERLAY -> HeatMapOverlay.png(verdict, input);
            case IMAGE -> PngRenderer.overModelRange(FloatPixels.of(verdict.getImage()), input);
            case MAP -> PngRenderer.overOwnRange(FloatPixels.of(verdict.getAnomalyMap()));
        });
    }
}
