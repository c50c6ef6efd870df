package dev.anogan.stream.topology;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Builds the dead-letter record of an input record, and counts them by reason ({@code anogan.dead.letters}). */
final class DeadLetters {

    private final Map<DeadLetterReason, Counter> counters = new EnumMap<>(DeadLetterReason.class);

    DeadLetters(MeterRegistry meters) {
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counters.put(reason, Counter.builder("anogan.dead.letters")
                    .description("Input records sent to the dead-letter topic, by reason")
                    .tag("reason", reason.name()).register(meters));
        }
    }

    DeadLetter of(SourceRecord source, DeadLetterReason reason, String text, long failedAtMs) {
        counters.get(reason).increment();
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setReasonText(text == null ? "" : text)
                .setKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
                .setValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setSourceTopic(source.topic())
                .setPartition(source.partition())
                .setOffset(source.offset())
                .setTimestamp(source.timestamp() < 0 ? null : Instant.ofEpochMilli(source.timestamp()))
                .setFailedAt(Instant.ofEpochMilli(failedAtMs))
                .build();
    }
}
