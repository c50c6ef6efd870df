package dev.anogan.stream.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Where the tiles of an image go: square patches of {@code size} every {@code stride} pixels along each axis, plus
 * one more flush with the far edge where the stride does not end there, so that every pixel is covered.
 *
 * @param size   patch side in pixels
 * @param stride pixels between the tops (lefts) of neighbouring tiles
 */
public record Tiling(int size, int stride) {

    public Tiling {
        if (size <= 0 || stride <= 0) {
            throw new IllegalArgumentException("patch size and stride must be positive, got " + size + " and "
                    + stride);
        }
    }

    /**
     * The tiling for a bundle: its patch size, at {@code stride} when given, else at the stride its image
     * calibration was made for (the manifest's {@code tiling.stride}; the image threshold holds for that one), else
     * side by side.
     */
    public static Tiling forBundle(Manifest manifest, OptionalInt stride) {
        int size = manifest.input().width();
        JsonNode trained = manifest.document().path("tiling").path("stride");
        return new Tiling(size, stride.orElse(trained.canConvertToInt() && trained.asInt() > 0 ? trained.asInt() : size));
    }

    /** Offsets of the tiles along an axis of {@code length} pixels (at least {@link #size()}). */
    public List<Integer> offsets(int length) {
        if (length < size) {
            throw new IllegalArgumentException(length + " pixels is less than the " + size + "-pixel patch");
        }
        List<Integer> offsets = new ArrayList<>();
        int last = 0;
        for (int at = 0; at + size <= length; at += stride) {
            offsets.add(at);
            last = at;
        }
        if (last + size < length) {
            offsets.add(length - size);
        }
        return offsets;
    }
}
