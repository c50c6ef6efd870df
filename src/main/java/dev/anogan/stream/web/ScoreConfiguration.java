package dev.anogan.stream.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code POST /api/score} ({@code anogan.web.score.*}; env vars such as {@code ANOGAN_WEB_SCORE_MAX_CONCURRENT}).
 * The body size is capped server-wide by {@code micronaut.server.max-request-size}.
 */
@ConfigurationProperties(ScoreConfiguration.PREFIX)
public class ScoreConfiguration {

    public static final String PREFIX = "anogan.web.score";

    /**
     * Requests decoded and scored at the same time; more are answered 503 with Retry-After at once. They share the
     * batcher, the CPU and the heap with the stream threads, which this keeps from starving.
     */
    @Min(1)
    private int maxConcurrent = 4;

    /** What a refused request is told to wait (Retry-After, whole seconds, at least one). */
    @NotNull
    private Duration retryAfter = Duration.ofSeconds(1);

    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }
}
