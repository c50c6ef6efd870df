package dev.anogan.stream.web;

import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.FloatImage;
import dev.anogan.stream.model.InputSpec;
import java.util.Optional;

/**
 * The pictures of an alert. The patch and its reconstruction G(z) are drawn over the model's input range, so that
 * they compare pixel for pixel; the anomaly map over its own range [0, max], so that its hot spots show.
 */
enum AlertImage implements PictureKind {
    PATCH,
    RECONSTRUCTION,
    MAP;

    /** The alert's picture as a PNG; empty when the alert lacks it (the patch, from writers before that field). */
    Optional<byte[]> render(AnomalyAlert alert, InputSpec input) {
        return switch (this) {
            case PATCH -> Optional.ofNullable(alert.getPatch()).map(p -> overModelRange(p, input));
            case RECONSTRUCTION -> Optional.of(overModelRange(alert.getReconstruction(), input));
            case MAP -> Optional.of(PngRenderer.overOwnRange(FloatPixels.of(alert.getAnomalyMap())));
        };
    }

    private static byte[] overModelRange(FloatImage image, InputSpec input) {
        return PngRenderer.overModelRange(FloatPixels.of(image), input);
    }
}
