package dev.anogan.stream.embedded;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PixelEncoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo scanner's patches: labelled images drawn at random, from the normal classes or, with the configured
 * probability, from the others. Each patch says in its metadata what it shows and what the model should find.
 * Not thread-safe: one scanner thread draws.
 */
final class DemoPatches {

    static final String SOURCE_ID = "demo-scanner";

    private final IdxDataset data;
    private final List<Integer> normal = new ArrayList<>();
    private final List<Integer> anomalous = new ArrayList<>();
    private final double anomalyFraction;
    private final List<String> labelNames;
    private final Random random;
    private final String runId;

    private DemoPatches(IdxDataset data, Set<Integer> normalClasses, DemoConfiguration config) {
        this.data = data;
        for (int i = 0; i < data.size(); i++) {
            (normalClasses.contains(data.label(i)) ? normal : anomalous).add(i);
        }
        if (normal.isEmpty() || anomalous.isEmpty()) {
            throw new IllegalArgumentException(DemoConfiguration.PREFIX + ".normal-classes " + normalClasses
                    + " leaves " + normal.size() + " normal and " + anomalous.size() + " anomalous images in "
                    + config.getImages() + "; the demo needs both");
        }
        this.anomalyFraction = config.getAnomalyFraction();
        this.labelNames = config.getLabelNames();
        this.random = new Random(config.getSeed());
        this.runId = Long.toString(System.currentTimeMillis(), 36);
    }

    /**
     * Reads the configured images.
     *
     * @throws UncheckedIOException naming the configuration keys when the files cannot be read
     */
    static DemoPatches load(DemoConfiguration config, Set<Integer> normalClasses) {
        try {
            return new DemoPatches(IdxDataset.read(config.getImages(), config.getLabels()), normalClasses, config);
        } catch (IOException e) {
            throw new UncheckedIOException(DemoConfiguration.PREFIX + ".images / " + DemoConfiguration.PREFIX
                    + ".labels: cannot read the demo images " + config.getImages() + " and " + config.getLabels()
                    + " (" + e + "). Install Debian's dataset-fashion-mnist, point these keys at IDX files, or set "
                    + DemoConfiguration.ENABLED + "=false", e);
        }
    }

    /** The next patch, the {@code sequence}-th of this run. */
    ImagePatch next(long sequence, Instant now) {
        boolean pickAnomalous = random.nextDouble() < anomalyFraction;
        List<Integer> pool = pickAnomalous ? anomalous : normal;
        int index = pool.get(random.nextInt(pool.size()));
        int label = data.label(index);
        return ImagePatch.newBuilder()
                .setPatchId("demo-" + runId + "-" + sequence).setSourceId(SOURCE_ID).setImageId("test-image-" + index)
                .setX(0).setY(0).setCaptureTime(now)
                .setWidth(data.columns()).setHeight(data.rows()).setChannels(1).setEncoding(PixelEncoding.UINT8)
                .setPixels(ByteBuffer.wrap(data.pixels(index))).setModel(null)
                .setMetadata(Map.of("label", String.valueOf(label), "labelName", labelName(label),
                        "expected", pickAnomalous ? "anomalous" : "normal"))
                .build();
    }

    private String labelName(int label) {
        return label < labelNames.size() ? labelNames.get(label) : String.valueOf(label);
    }
}
