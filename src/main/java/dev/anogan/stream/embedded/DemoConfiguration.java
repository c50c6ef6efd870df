package dev.anogan.stream.embedded;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The demo scanner of the embedded default ({@code anogan.demo.*}; env vars such as {@code ANOGAN_DEMO_RATE}):
 * it publishes labelled test images as patches, normal and anomalous mixed, so that the dashboard has something
 * true to show; with {@code images-folder}, whole images too. It runs only with the embedded cluster.
 */
@ConfigurationProperties(DemoConfiguration.PREFIX)
public class DemoConfiguration {

    public static final String PREFIX = "anogan.demo";
    public static final String ENABLED = PREFIX + ".enabled";
    public static final String IMAGES_FOLDER = PREFIX + ".images-folder";
    public static final String PATCHES = PREFIX + ".patches";
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** Run the demo scanner alongside the embedded cluster. */
    private boolean enabled = true;

    /** Publish Fashion-MNIST patches (off for a model of other patches, such as the grass demo's). */
    private boolean patches = true;

    /** Patches published per second. */
    @Positive
    private double rate = 20;

    /** Share of the published patches drawn from classes the model was not trained on. */
    @DecimalMin("0")
    @DecimalMax("1")
    private double anomalyFraction = 0.2;

    /** IDX file of the images (default: the Fashion-MNIST test set of Debian's dataset-fashion-mnist). */
    @NotNull
    private Path images = FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz");

    /** IDX file of their labels. */
    @NotNull
    private Path labels = FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz");

    /** The labels that are normal; unset: the classes the bundle's model was trained on (its manifest). */
    private List<Integer> normalClasses;

    /** A name per label, shown with the patches (default: Fashion-MNIST's classes). */
    @NotNull
    private List<String> labelNames = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");

    /**
     * A folder of PNG images the scanner also publishes whole, tiled with the model's patch size, one after another
     * and round again (see docs/images.md), or {@code classpath:<folder>} for images in the jar; unset: no images.
     */
    private String imagesFolder;

    /** Whole images published per second (from {@code images-folder}). */
    @Positive
    private double imageRate = 0.2;

    /** Pixels between neighbouring tiles of an image; unset: the bundle's training stride, else its patch size. */
    @Positive
    private Integer imageStride;

    /** Seed of the choice of patches. */
    private long seed = 1;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isPatches() {
        return patches;
    }

    public void setPatches(boolean patches) {
        this.patches = patches;
    }

    public double getRate() {
        return rate;
    }

    public void setRate(double rate) {
        this.rate = rate;
    }

    public double getAnomalyFraction() {
        return anomalyFraction;
    }

    public void setAnomalyFraction(double anomalyFraction) {
        this.anomalyFraction = anomalyFraction;
    }

    public Path getImages() {
        return images;
    }

    public void setImages(Path images) {
        this.images = images;
    }

    public Path getLabels() {
        return labels;
    }

    public void setLabels(Path labels) {
        this.labels = labels;
    }

    public Optional<List<Integer>> getNormalClasses() {
        return Optional.ofNullable(normalClasses);
    }

    public void setNormalClasses(List<Integer> normalClasses) {
        this.normalClasses = normalClasses;
    }

    public List<String> getLabelNames() {
        return labelNames;
    }

    public void setLabelNames(List<String> labelNames) {
        this.labelNames = labelNames;
    }

    public Optional<String> getImagesFolder() {
        return Optional.ofNullable(imagesFolder);
    }

    public void setImagesFolder(String imagesFolder) {
        this.imagesFolder = imagesFolder;
    }

    public double getImageRate() {
        return imageRate;
    }

    public void setImageRate(double imageRate) {
        this.imageRate = imageRate;
    }

    public OptionalInt getImageStride() {
        return imageStride == null ? OptionalInt.empty() : OptionalInt.of(imageStride);
    }

    public void setImageStride(Integer imageStride) {
        this.imageStride = imageStride;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }
}
