package dev.anogan.stream.model;

import java.util.Arrays;

/**
 * Scores of held-out normal patches: the threshold set for a false-positive rate, and a percentile
 * table (the scores at 0 %, 1 %, ..., 100 %) that places any score among the normals.
 */
public record Calibration(double threshold, double falsePositiveRate, int patches, double[] percentiles) {

    public Calibration {
        if (percentiles.length < 2) {
            throw new IllegalArgumentException("a percentile table needs at least 2 points, got " + percentiles.length);
        }
        for (int i = 1; i < percentiles.length; i++) {
            if (percentiles[i] < percentiles[i - 1]) {
                throw new IllegalArgumentException("percentile table is not sorted at index " + i);
            }
        }
    }

    /** Whether a score is anomalous: strictly above the threshold. */
    public boolean isAnomalous(double score) {
        return score > threshold;
    }

    /**
     * The percentage (0..100) of calibration normals scoring below {@code score}, interpolated
     * linearly in the table; 0 below the lowest and 100 above the highest.
     */
    public double percentile(double score) {
        int last = percentiles.length - 1;
        if (score <= percentiles[0]) {
            return 0.0;
        }
        if (score >= percentiles[last]) {
            return 100.0;
        }
        int i = Arrays.binarySearch(percentiles, score);
        int upper = i >= 0 ? i : -i - 1;
        while (i >= 0 && upper < last && percentiles[upper + 1] == score) {
            upper++;
        }
        int lower = upper - 1;
        double span = percentiles[upper] - percentiles[lower];
        double fraction = span == 0 ? 1.0 : (score - percentiles[lower]) / span;
        return 100.0 * (lower + fraction) / last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && c.threshold == threshold && c.falsePositiveRate == falsePositiveRate
                && c.patches == patches && Arrays.equals(c.percentiles, percentiles);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(threshold) * 31 + Arrays.hashCode(percentiles);
    }

    @Override
    public String toString() {
        return "Calibration[threshold=" + threshold + ", fpr=" + falsePositiveRate + ", patches=" + patches + "]";
    }
}
