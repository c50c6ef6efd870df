package dev.anogan.stream.topology;

import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.FloatImage;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.model.Manifest.ModelInfo;
import dev.anogan.stream.scoring.PatchMapper;
import dev.anogan.stream.scoring.PatchVerdict;
import java.time.Instant;
import java.util.Map;

/** Builds the output records of a scored patch. */
final class ScoreRecords {

    private final ModelInfo model;
    private final PatchMapper mapper;
    private final boolean mapsInScores;

    /** @param mapsInScores whether scores carry their anomaly map (the scorer then returns one for every patch) */
    ScoreRecords(ModelInfo model, PatchMapper mapper, boolean mapsInScores) {
        this.model = model;
        this.mapper = mapper;
        this.mapsInScores = mapsInScores;
    }

    /**
     * The score event of every valid patch, with its anomaly map when asked for or when the patch is a tile of an
     * image (whose verdict stitches the maps, and the tiles as the model saw them, into the image and its map); the
     * other images go with alerts.
     */
    PatchScore score(ImagePatch patch, PatchVerdict verdict, long scoredAtMs) {
        boolean tile = patch.getGeometry() != null;
        return PatchScore.newBuilder()
                .setPatchId(patch.getPatchId()).setSourceId(patch.getSourceId()).setImageId(patch.getImageId())
                .setX(patch.getX()).setY(patch.getY()).setCaptureTime(patch.getCaptureTime())
                .setModel(model.name()).setModelVersion(model.version()).setMethod(verdict.method())
                .setScore(verdict.score()).setParts(Map.copyOf(verdict.parts())).setThreshold(verdict.threshold())
                .setAnomalous(verdict.anomalous()).setPercentile(verdict.percentile()).setSteps(verdict.steps())
                .setBatchSize(verdict.batchSize()).setLatencyMicros(verdict.latencyNanos() / 1_000)
                .setScoredAt(Instant.ofEpochMilli(scoredAtMs))
                .setAnomalyMap(mapsInScores || tile
                        ? FloatImages.of(imageOf(verdict.anomalyMap().orElse(null), "anomaly map"),
                                patch.getChannels(), patch.getHeight(), patch.getWidth()) : null)
                .setMetadata(patch.getMetadata())
                .setGeometry(patch.getGeometry())
                .setPatch(tile ? modelView(patch) : null)
                .build();
    }

    /** The alert of an anomalous patch, with the patch as the model saw it, its anomaly map and reconstruction. */
    AnomalyAlert alert(ImagePatch patch, PatchVerdict verdict, long scoredAtMs) {
        int c = patch.getChannels();
        int h = patch.getHeight();
        int w = patch.getWidth();
        return AnomalyAlert.newBuilder()
                .setPatchId(patch.getPatchId()).setSourceId(patch.getSourceId()).setImageId(patch.getImageId())
                .setX(patch.getX()).setY(patch.getY()).setCaptureTime(patch.getCaptureTime())
                .setModel(model.name()).setModelVersion(model.version()).setMethod(verdict.method())
                .setScore(verdict.score()).setParts(Map.copyOf(verdict.parts())).setThreshold(verdict.threshold())
                .setPercentile(verdict.percentile()).setScoredAt(Instant.ofEpochMilli(scoredAtMs))
                .setPatch(modelView(patch))
                .setAnomalyMap(FloatImages.of(imageOf(verdict.anomalyMap().orElse(null), "anomaly map"), c, h, w))
                .setReconstruction(FloatImages.of(imageOf(verdict.reconstruction().orElse(null), "reconstruction"),
                        c, h, w))
                .setMetadata(patch.getMetadata())
                .build();
    }

    /** The patch as the model saw it, over its own region. */
    private FloatImage modelView(ImagePatch patch) {
        return FloatImages.of(mapper.modelView(PatchDecoder.toScoring(patch)), patch.getChannels(), patch.getHeight(),
                patch.getWidth());
    }

    private static float[] imageOf(float[] image, String what) {
        if (image == null) {
            throw new IllegalStateException("the scorer returned no " + what + "; alerts need it");
        }
        return image;
    }
}
