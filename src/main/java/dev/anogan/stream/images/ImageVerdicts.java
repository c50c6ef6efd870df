package dev.anogan.stream.images;

import dev.anogan.stream.avro.AnomalousPatch;
import dev.anogan.stream.avro.FloatImage;
import dev.anogan.stream.avro.ImageStatus;
import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.model.ImageAggregation;
import dev.anogan.stream.model.Manifest.ModelInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Builds the verdict of an image from its patches' outcomes. Thread-safe. */
final class ImageVerdicts {

    private final ModelInfo model;
    private final ImageRule rule;
    private final int maxMapSide;

    ImageVerdicts(ModelInfo model, ImageRule rule, int maxMapSide) {
        this.model = model;
        this.rule = rule;
        this.maxMapSide = maxMapSide;
    }

    /** The verdict on {@code image}, closed now with {@code status}, from the outcomes of its patches. */
    ImageVerdict of(OpenImage image, List<PatchOutcome> patches, ImageStatus status, long nowMs) {
        List<PatchOutcome> scored = patches.stream().filter(PatchOutcome::scored).toList();
        int scale = StitchedImage.scale(image.imageWidth(), image.imageHeight(), maxMapSide);
        StitchedImage map = scored.isEmpty() ? null
                : StitchedImage.of(image.imageWidth(), image.imageHeight(), scale, 1, scored, PatchOutcome::map);
        Double score = map == null ? null : score(scored, map);
        return ImageVerdict.newBuilder()
                .setImageId(image.imageId()).setSourceId(image.sourceId())
                .setCaptureTime(Instant.ofEpochMilli(image.captureTimeMs()))
                .setModel(model.name()).setModelVersion(model.version()).setMethod(rule.method())
                .setImageWidth(image.imageWidth()).setImageHeight(image.imageHeight())
                .setStatus(status)
                .setPatchesExpected(image.patchCount()).setPatchesScored(image.scored())
                .setPatchesDeadLettered(image.deadLettered()).setPatchesMissing(image.missing())
                .setScore(score).setAggregation(rule.aggregation().manifestName())
                .setImageCalibrated(rule.calibrated()).setThreshold(rule.threshold())
                .setAnomalous(score != null && score > rule.threshold())
                .setPatchThreshold(rule.patchThreshold())
                .setAnomalousPatches(scored.stream().filter(PatchOutcome::anomalous)
                        .sorted(Comparator.comparingDouble(PatchOutcome::score).reversed())
                        .map(p -> new AnomalousPatch(p.patchId(), p.x(), p.y(), p.width(), p.height(), p.score()))
                        .toList())
                .setAnomalyMap(map == null ? null : floatImage(map))
                .setImage(pixels(image, scored, scale))
                .setMapScale(map == null ? 1 : map.scale())
                .setOpenedAt(Instant.ofEpochMilli(image.openedAtMs()))
                .setDecidedAt(Instant.ofEpochMilli(nowMs))
                .build();
    }

    /**
     * The image as the model saw it, stitched from the pixels of its scored patches like the map; null when none
     * carries them (scores written before they did).
     */
    private static FloatImage pixels(OpenImage image, List<PatchOutcome> scored, int scale) {
        int channels = scored.stream().filter(p -> p.pixels() != null)
                .mapToInt(p -> p.pixels().length / (p.width() * p.height())).findFirst().orElse(0);
        if (channels == 0) {
            return null;
        }
        return floatImage(StitchedImage.of(image.imageWidth(), image.imageHeight(), scale, channels, scored,
                p -> p.pixels() != null && p.pixels().length == p.width() * p.height() * channels ? p.pixels() : null));
    }

    private double score(List<PatchOutcome> scored, StitchedImage map) {
        return rule.aggregation() == ImageAggregation.MAX_MAP ? map.peak()
                : scored.stream().mapToDouble(PatchOutcome::score).max().orElseThrow();
    }

    private static FloatImage floatImage(StitchedImage stitched) {
        ByteBuffer values = ByteBuffer.allocate(stitched.values().length * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float v : stitched.values()) {
            values.putFloat(v);
        }
        return FloatImage.newBuilder().setWidth(stitched.width()).setHeight(stitched.height())
                .setChannels(stitched.channels()).setValues(values.flip()).build();
    }
}
