package dev.anogan.stream.topology;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds the dead-letter record of an input record. */
final class DeadLetters {

    private DeadLetters() {
    }

    static DeadLetter of(SourceRecord source, DeadLetterReason reason, String text, long failedAtMs) {
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
