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
        StitchedMap map = scored.isEmpty() ? null
                : StitchedMap.of(image.imageWidth(), image.imageHeight(), scored, maxMapSide);
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
                .setMapScale(map == null ? 1 : map.scale())
                .setOpenedAt(Instant.ofEpochMilli(image.openedAtMs()))
                .setDecidedAt(Instant.ofEpochMilli(nowMs))
                .build();
    }

    private double score(List<PatchOutcome> scored, StitchedMap map) {
        return rule.aggregation() == ImageAggregation.MAX_MAP ? map.peak()
                : scored.stream().mapToDouble(PatchOutcome::score).max().orElseThrow();
    }

    private static FloatImage floatImage(StitchedMap map) {
        ByteBuffer values = ByteBuffer.allocate(map.values().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : map.values()) {
            values.putFloat(v);
        }
        return FloatImage.newBuilder().setWidth(map.width()).setHeight(map.height()).setChannels(1)
                .setValues(values.flip()).build();
    }
}
