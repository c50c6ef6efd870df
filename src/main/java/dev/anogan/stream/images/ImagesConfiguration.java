package dev.anogan.stream.images;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Whole images ({@code anogan.images.*}; env vars such as {@code ANOGAN_IMAGES_TIMEOUT}): the verdict per image
 * that the topology gathers from the patches that carry an image geometry.
 */
@ConfigurationProperties(ImagesConfiguration.PREFIX)
public class ImagesConfiguration {

    public static final String PREFIX = "anogan.images";

    /** Whether the topology gathers image verdicts at all. */
    private boolean enabled = true;

    /** An image still incomplete this long after its first patch reached the assembly is closed as timed out. */
    @NotNull
    private Duration timeout = Duration.ofSeconds(30);

    /** Most images open at once per task (input partition of the assembly); one more closes the oldest. */
    @Min(1)
    private int maxOpenImages = 1000;

    /** Longest side of a verdict's anomaly map, in pixels; larger images get a map downscaled by an integer factor. */
    @Min(1)
    private int maxMapSide = 256;

    /** How long a closed image is remembered, so that patches of it arriving later are dropped, not a new image. */
    @NotNull
    private Duration closedRetention = Duration.ofMinutes(10);

    /** How often open images are checked against the timeout. */
    @NotNull
    private Duration checkInterval = Duration.ofSeconds(1);

    /** The settings as the topology takes them. */
    public AssemblyPolicy policy() {
        return new AssemblyPolicy(timeout, maxOpenImages, maxMapSide, closedRetention, checkInterval);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getMaxOpenImages() {
        return maxOpenImages;
    }

    public void setMaxOpenImages(int maxOpenImages) {
        this.maxOpenImages = maxOpenImages;
    }

    public int getMaxMapSide() {
        return maxMapSide;
    }

    public void setMaxMapSide(int maxMapSide) {
        this.maxMapSide = maxMapSide;
    }

    public Duration getClosedRetention() {
        return closedRetention;
    }

    public void setClosedRetention(Duration closedRetention) {
        this.closedRetention = closedRetention;
    }

    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }
}
