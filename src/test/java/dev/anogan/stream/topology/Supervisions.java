package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.kafka.StreamsSupervision;
import io.micronaut.health.HealthStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/** Supervision settings and small helpers for the failure tests: fast back-off, short timeouts. */
final class Supervisions {

    private Supervisions() {
    }

    /** {@code maxReplacements} replacements in 10 min, 100 ms back-off up to 500 ms, 5 s close. */
    static StreamsSupervision fast(int maxReplacements) {
        return new StreamsSupervision(maxReplacements, Duration.ofMinutes(10), Duration.ofMillis(100),
                Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    /** As {@link #fast}, with readiness DOWN after {@code progressTimeout} without progress. */
    static StreamsSupervision withProgressTimeout(Duration progressTimeout) {
        return new StreamsSupervision(1000, Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofMillis(500),
                progressTimeout, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /**
     * Waits until {@code streams} gave up (liveness DOWN, then Kafka Streams in {@code ERROR}) and returns why, as
     * liveness reports it.
     */
    static String awaitGaveUp(ScoringStreams streams) {
        assertTrue(Eventually.within(Duration.ofSeconds(90),
                () -> streams.liveness().status() == HealthStatus.DOWN), streams.liveness().details().toString());
        assertTrue(Eventually.within(Duration.ofSeconds(10), () -> streams.state() == KafkaStreams.State.ERROR),
                "stopped: " + streams.state());
        return String.valueOf(streams.liveness().details().get("failed"));
    }

    /** The bytes of a record field. */
    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** A dead letter's key as text (the tests key patches by their id). */
    static String key(dev.anogan.stream.avro.DeadLetter letter) {
        return new String(bytes(letter.getKey()));
    }
}
