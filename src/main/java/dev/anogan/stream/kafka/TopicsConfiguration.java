package dev.anogan.stream.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/** The topics the service reads and writes ({@code anogan.topics.*}; env vars such as {@code ANOGAN_TOPICS_PATCHES}). */
@ConfigurationProperties(TopicsConfiguration.PREFIX)
public class TopicsConfiguration {

    public static final String PREFIX = "anogan.topics";

    /** Input: {@code ImagePatch} records from the scanners. */
    @NotBlank
    private String patches = "patches";

    /** Output: a {@code PatchScore} for every valid patch. */
    @NotBlank
    private String scores = "patch-scores";

    /** Output: an {@code AnomalyAlert} for every anomalous patch. */
    @NotBlank
    private String alerts = "anomaly-alerts";

    /** Output: a {@code DeadLetter} for every record that could not be scored. */
    @NotBlank
    private String deadLetters = "patches-dlq";

    /** Output: an {@code ImageVerdict} for every image whose patches carry an image geometry. */
    @NotBlank
    private String imageVerdicts = "image-verdicts";

    public String getPatches() {
        return patches;
    }

    public void setPatches(String patches) {
        this.patches = patches;
    }

    public String getScores() {
        return scores;
    }

    public void setScores(String scores) {
        this.scores = scores;
    }

    public String getAlerts() {
        return alerts;
    }

    public void setAlerts(String alerts) {
        this.alerts = alerts;
    }

    public String getDeadLetters() {
        return deadLetters;
    }

    public void setDeadLetters(String deadLetters) {
        this.deadLetters = deadLetters;
    }

    public String getImageVerdicts() {
        return imageVerdicts;
    }

    public void setImageVerdicts(String imageVerdicts) {
        this.imageVerdicts = imageVerdicts;
    }
}
