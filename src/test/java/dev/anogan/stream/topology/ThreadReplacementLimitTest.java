package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.kafka.StreamsSupervision;
import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/**
 * Failed stream threads are replaced after a back-off that doubles, a bounded number of times within the window;
 * one more failure stops the application with the cause (liveness reports it). Failures older than the window no
 * longer count.
 */
class ThreadReplacementLimitTest {

    @Test
    void replacementsAreBoundedWithinTheWindowAndBackOff() {
        StreamsMonitor monitor = new StreamsMonitor(new StreamsSupervision(2, Duration.ofMinutes(10),
                Duration.ofMillis(50), Duration.ofMillis(80), Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        RuntimeException failure = new IllegalStateException("registry answered 403");

        long start = System.nanoTime();
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, monitor.threadFailed(failure));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, monitor.threadFailed(failure));
        long backedOffMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(backedOffMs >= 50 + 80, "backed off " + backedOffMs + " ms (50, then 100 capped at 80)");
        assertTrue(monitor.gaveUpReason().isEmpty());

        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, monitor.threadFailed(failure));
        assertTrue(monitor.gaveUpReason().orElseThrow().contains("3 stream thread failures"));
        assertTrue(monitor.gaveUpReason().orElseThrow().contains("registry answered 403"));
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() throws InterruptedException {
        StreamsMonitor monitor = new StreamsMonitor(new StreamsSupervision(1, Duration.ofMillis(200),
                Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMinutes(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        RuntimeException failure = new IllegalStateException("broker hiccup");
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, monitor.threadFailed(failure));
        Thread.sleep(300);
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, monitor.threadFailed(failure));
        assertTrue(monitor.gaveUpReason().isEmpty());
    }
}
