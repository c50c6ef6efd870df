package dev.anogan.stream.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * How the streams application watches over itself (from {@link StreamsConfiguration#supervision()}).
 *
 * @param maxThreadReplacements failed stream threads replaced within {@code replacementWindow}; one more stops
 *                              the application (liveness DOWN)
 * @param replacementWindow     the window of that count
 * @param replacementBackoff    wait before the first replacement in the window; doubles with each
 * @param maxReplacementBackoff most a replacement waits
 * @param progressTimeout       readiness DOWN when partitions with lag see no progress for this long
 * @param brokerCheckTimeout    readiness DOWN when the cluster does not answer within this
 * @param closeTimeout          how long a close waits for the stream threads
 */
public record StreamsSupervision(int maxThreadReplacements, Duration replacementWindow, Duration replacementBackoff,
                                 Duration maxReplacementBackoff, Duration progressTimeout,
                                 Duration brokerCheckTimeout, Duration closeTimeout) {

    public StreamsSupervision {
        Objects.requireNonNull(replacementWindow, "replacementWindow");
        Objects.requireNonNull(replacementBackoff, "replacementBackoff");
        Objects.requireNonNull(maxReplacementBackoff, "maxReplacementBackoff");
        Objects.requireNonNull(progressTimeout, "progressTimeout");
        Objects.requireNonNull(brokerCheckTimeout, "brokerCheckTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (maxThreadReplacements < 0) {
            throw new IllegalArgumentException("maxThreadReplacements must be >= 0, got " + maxThreadReplacements);
        }
    }

    /** The service's defaults. */
    public static StreamsSupervision defaults() {
        return new StreamsConfiguration().supervision();
    }
}
