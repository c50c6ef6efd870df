package dev.anogan.stream.model;

import java.util.Arrays;
import java.util.Optional;

/** How the scores of an image's patches become the image's score (the manifest's {@code aggregation}). */
public enum ImageAggregation {
    /** The largest patch score. */
    MAX_PATCH_SCORE("max-patch-score"),
    /** The largest value of the stitched anomaly map at full resolution. */
    MAX_MAP("max-map");

    private final String manifestName;

    ImageAggregation(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The name in the manifest and in {@code ImageVerdict.aggregation}. */
    public String manifestName() {
        return manifestName;
    }

    /** The aggregation of this manifest name, if there is one. */
    public static Optional<ImageAggregation> of(String manifestName) {
        return Arrays.stream(values()).filter(a -> a.manifestName.equals(manifestName)).findFirst();
    }
}
