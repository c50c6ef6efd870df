package dev.anogan.stream.topology;

import dev.anogan.stream.kafka.StreamsSupervision;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the probes need to know beyond Kafka Streams' own state: when the processors last made progress, whether
 * the model is down, and how often stream threads failed. The processors report to it; {@link ScoringStreams}
 * consults it for its exception handler and its probes. Thread-safe; owns nothing to close.
 */
public final class StreamsMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsMonitor.class);

    private final StreamsSupervision settings;
    private final AtomicLong lastProgressNanos = new AtomicLong(System.nanoTime());
    /** Times of the thread failures within the window (nanoTime). */
    private final Deque<Long> failures = new ArrayDeque<>();
    private volatile String modelDown;
    private volatile String gaveUp;
    private volatile String lastFailure;

    public StreamsMonitor(StreamsSupervision settings) {
        this.settings = settings;
    }

    public StreamsSupervision settings() {
        return settings;
    }

    /** A processor handled a record or a batch. */
    void progressed() {
        lastProgressNanos.set(System.nanoTime());
    }

    Duration sinceProgress() {
        return Duration.ofNanos(System.nanoTime() - lastProgressNanos.get());
    }

    /** The model failed on a known-good patch too: it cannot score anything. */
    void modelDown(String why) {
        if (modelDown == null) {
            LOG.error("The model is down: {}", why);
        }
        modelDown = why;
    }

    /** A batch was scored. */
    void modelUp() {
        if (modelDown != null) {
            LOG.info("The model scores again");
            modelDown = null;
        }
    }

    /** Why the model is down, while it is. */
    public Optional<String> modelDownReason() {
        return Optional.ofNullable(modelDown);
    }

    /** Why the application gave up (too many thread failures in the window), once it has. */
    public Optional<String> gaveUpReason() {
        return Optional.ofNullable(gaveUp);
    }

    /** The last stream thread failure, if any. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /**
     * The answer to a stream thread's failure: replace the thread, after a back-off that doubles with each
     * failure in the window (it runs on the failed thread, so the others keep working meanwhile), or, past
     * {@link StreamsSupervision#maxThreadReplacements()} within {@link StreamsSupervision#replacementWindow()},
     * stop the application so that liveness goes DOWN and the pod is restarted.
     */
    StreamThreadExceptionResponse threadFailed(Throwable failure) {
        String what = describe(failure);
        lastFailure = what;
        long backoffMs;
        synchronized (failures) {
            long now = System.nanoTime();
            while (!failures.isEmpty() && now - failures.peekFirst() > settings.replacementWindow().toNanos()) {
                failures.removeFirst();
            }
            if (failures.size() >= settings.maxThreadReplacements()) {
                gaveUp = (failures.size() + 1) + " stream thread failures within " + settings.replacementWindow()
                        + "; the last: " + what;
                LOG.error("Giving up: {}", gaveUp, failure);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            failures.addLast(now);
            int shift = Math.min(failures.size() - 1, 20);
            backoffMs = Math.min(settings.replacementBackoff().toMillis() << shift,
                    settings.maxReplacementBackoff().toMillis());
        }
        LOG.error("A stream thread failed; replacing it in {} ms", backoffMs, failure);
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The innermost message worth showing: Kafka Streams wraps the processor's exception in its own. */
    static String describe(Throwable failure) {
        Throwable t = failure;
        StringBuilder text = new StringBuilder(String.valueOf(t));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            text.append(" <- ").append(t);
        }
        return text.toString();
    }
}
