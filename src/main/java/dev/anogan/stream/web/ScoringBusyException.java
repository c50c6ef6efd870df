package dev.anogan.stream.web;

import java.time.Duration;

/** Every scoring permit is taken: answered 503 with Retry-After by {@link ScoringBusyHandler}. */
final class ScoringBusyException extends RuntimeException {

    private final Duration retryAfter;

    ScoringBusyException(int maxConcurrent, Duration retryAfter) {
        super(maxConcurrent + " scoring requests are already in progress, the most this service takes at once ("
                + ScoreConfiguration.PREFIX + ".max-concurrent); retry later");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
