package dev.anogan.stream.web;

import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;

/** Caps the synchronous scoring requests in progress at {@code anogan.web.score.max-concurrent}; never waits. */
@Singleton
final class ScorePermits {

    private final Semaphore permits;
    private final ScoreConfiguration config;

    ScorePermits(ScoreConfiguration config) {
        this.config = config;
        this.permits = new Semaphore(config.getMaxConcurrent());
    }

    /**
     * A permit, released by closing it (try-with-resources).
     *
     * @throws ScoringBusyException when {@code max-concurrent} requests are already in progress
     */
    Permit acquire() {
        if (!permits.tryAcquire()) {
            throw new ScoringBusyException(config.getMaxConcurrent(), config.getRetryAfter());
        }
        return permits::release;
    }

    /** One request's share of the cap. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
