package dev.anogan.stream.scoring;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import java.util.Optional;

/**
 * How patches are scored ({@code anogan.scoring.*}; env vars such as {@code ANOGAN_SCORING_METHOD}).
 * Method defaults (steps, thresholds) come from the bundle's manifest, never from constants here.
 */
@ConfigurationProperties(ScoringConfiguration.PREFIX)
public class ScoringConfiguration {

    public static final String PREFIX = "anogan.scoring";

    /** {@code feature-knn}, {@code anogan}, {@code hybrid}, {@code egbad} or {@code egbad-ce}; unset: the manifest's default method. */
    private String method;

    /** Search steps (Γ for anogan, k for hybrid); unset: the manifest's value for the method. */
    @Min(0)
    private Integer steps;

    /**
     * Fill {@code PatchScore.anomalyMap} (|x − G(z)| over the patch) in every score. Off: only alerts carry images,
     * and only the anomalous patches' images are read out of ONNX Runtime.
     */
    private boolean anomalyMapsInScores = false;

    /** Seed of AnoGAN's random starts (mixed with each patch's pixels). */
    private long seed = 0;

    public Optional<String> getMethod() {
        return Optional.ofNullable(method);
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public Optional<Integer> getSteps() {
        return Optional.ofNullable(steps);
    }

    public void setSteps(Integer steps) {
        this.steps = steps;
    }

    public boolean isAnomalyMapsInScores() {
        return anomalyMapsInScores;
    }

    public void setAnomalyMapsInScores(boolean anomalyMapsInScores) {
        this.anomalyMapsInScores = anomalyMapsInScores;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
    }
}
