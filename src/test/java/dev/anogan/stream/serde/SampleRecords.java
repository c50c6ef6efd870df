package dev.anogan.stream.serde;

import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.FloatImage;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.ImageStatus;
import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.avro.PixelEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One filled-in record of each topic's type, every field set (optional ones too). */
final class SampleRecords {

    static final Instant CAPTURED = Instant.parse("2025-11-25T10:15:30.123Z");
    static final Instant SCORED = CAPTURED.plusMillis(42);

    static ImagePatch imagePatch() {
        return ImagePatch.newBuilder()
                .setPatchId("p-1").setSourceId("scanner-7").setImageId("img-3").setX(64).setY(128)
                .setCaptureTime(CAPTURED).setWidth(2).setHeight(2).setChannels(1)
                .setEncoding(PixelEncoding.UINT8).setPixels(ByteBuffer.wrap(new byte[] {0, 1, 127, (byte) 255}))
                .setModel("mnist-anogan").setMetadata(Map.of("lot", "A17"))
                .build();
    }

    static PatchScore patchScore() {
        return PatchScore.newBuilder()
                .setPatchId("p-1").setSourceId("scanner-7").setImageId("img-3").setX(64).setY(128)
                .setCaptureTime(CAPTURED).setModel("mnist-anogan").setModelVersion("1.2.0").setMethod("hybrid")
                .setScore(3.25f).setParts(Map.of("residual", 3.0f, "discrimination", 0.25f))
                .setThreshold(2.5).setAnomalous(true).setPercentile(99.5).setSteps(5).setBatchSize(32)
                .setLatencyMicros(1_234).setScoredAt(SCORED).setAnomalyMap(floatImage(0.5f))
                .setMetadata(Map.of("lot", "A17"))
                .build();
    }

    static AnomalyAlert anomalyAlert() {
        return AnomalyAlert.newBuilder()
                .setPatchId("p-1").setSourceId("scanner-7").setImageId("img-3").setX(64).setY(128)
                .setCaptureTime(CAPTURED).setModel("mnist-anogan").setModelVersion("1.2.0").setMethod("hybrid")
                .setScore(3.25f).setParts(Map.of("residual", 3.0f)).setThreshold(2.5).setPercentile(99.5)
                .setScoredAt(SCORED).setAnomalyMap(floatImage(0.5f)).setReconstruction(floatImage(0.25f))
                .setMetadata(Map.of())
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setReason(DeadLetterReason.BYTE_COUNT_MISMATCH).setReasonText("4 pixel bytes, expected 8")
                .setKey(ByteBuffer.wrap(new byte[] {'k'})).setValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 2}))
                .setSourceTopic("patches").setPartition(3).setOffset(9_000_000_000L).setTimestamp(CAPTURED)
                .setFailedAt(SCORED)
                .build();
    }

    /** The verdict on a 2 x 1 image, with its map and the image itself. */
    static ImageVerdict imageVerdict() {
        return ImageVerdict.newBuilder()
                .setImageId("img-3").setSourceId("scanner-7").setCaptureTime(CAPTURED).setModel("mnist-anogan")
                .setModelVersion("1.2.0").setMethod("hybrid").setImageWidth(2).setImageHeight(1)
                .setStatus(ImageStatus.COMPLETE).setPatchesExpected(1).setPatchesScored(1).setPatchesDeadLettered(0)
                .setPatchesMissing(0).setScore(3.25).setAggregation("max-patch-score").setImageCalibrated(false)
                .setThreshold(2.5).setAnomalous(true).setPatchThreshold(2.5).setAnomalousPatches(List.of())
                .setAnomalyMap(floatImage(0.5f)).setMapScale(1).setImage(floatImage(-0.75f))
                .setOpenedAt(CAPTURED).setDecidedAt(SCORED)
                .build();
    }

    /** A 2 x 1 single-channel image of {@code first} and {@code -first}. */
    private static FloatImage floatImage(float first) {
        ByteBuffer values = ByteBuffer.allocate(2 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(first).putFloat(-first).flip();
        return FloatImage.newBuilder().setWidth(2).setHeight(1).setChannels(1).setValues(values).build();
    }

    private SampleRecords() {
    }
}
