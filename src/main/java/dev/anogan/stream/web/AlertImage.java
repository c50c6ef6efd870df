package dev.anogan.stream.web;

import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.FloatImage;
import dev.anogan.stream.model.InputSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The pictures of an alert. The patch and its reconstruction G(z) are drawn over the model's input range, so that
 * they compare pixel for pixel; the anomaly map over its own range [0, max], so that its hot spots show.
 */
enum AlertImage {
    PATCH("patch"),
    RECONSTRUCTION("reconstruction"),
    MAP("map");

    private final String path;

    AlertImage(String path) {
        this.path = path;
    }

    /** Its name in addresses: {@code /api/alerts/{patchId}/{path}.png}. */
    String path() {
        return path;
    }

    static Optional<AlertImage> byPath(String path) {
        return Arrays.stream(values()).filter(i -> i.path.equals(path)).findFirst();
    }

    /** The alert's picture as a PNG; empty when the alert lacks it (the patch, from writers before that field). */
    Optional<byte[]> render(AnomalyAlert alert, InputSpec input) {
        return switch (this) {
            case PATCH -> Optional.ofNullable(alert.getPatch()).map(p -> overModelRange(p, input));
            case RECONSTRUCTION -> Optional.of(overModelRange(alert.getReconstruction(), input));
            case MAP -> Optional.of(overOwnRange(FloatPixels.of(alert.getAnomalyMap())));
        };
    }

    static byte[] overModelRange(FloatImage image, InputSpec input) {
        return overModelRange(FloatPixels.of(image), input);
    }

    /** Model input is {@code raw / max × scale + offset}: raw 0 .. max spans offset .. offset + scale. */
    static byte[] overModelRange(FloatPixels pixels, InputSpec input) {
        float low = (float) input.offset();
        return PngRenderer.png(pixels, low, low + (float) input.scale());
    }

    static byte[] overOwnRange(FloatPixels pixels) {
        return PngRenderer.png(pixels, 0f, pixels.max());
    }
}
