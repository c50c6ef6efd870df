package dev.anogan.stream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.TestRegistries;
import dev.anogan.stream.serde.RecordDecodingException;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The Kafka serde adapters: round trip through the registry, tombstones as null, failures as Kafka's own. */
class KafkaAvroSerdeTest {

    private static final DeadLetter LETTER = DeadLetter.newBuilder().setReason(DeadLetterReason.OTHER)
            .setReasonText("test").setFailedAt(Instant.ofEpochMilli(5)).build();

    @Test
    void aRecordRoundTripsAndTombstonesStayNull() {
        try (InMemorySchemaRegistry registry = TestRegistries.startInMemory();
             Serde<DeadLetter> serde = AvroSerdes.of(registry, DeadLetter.class)) {
            byte[] bytes = serde.serializer().serialize("dlq", LETTER);
            assertEquals(LETTER, serde.deserializer().deserialize("dlq", bytes));
            assertNull(serde.serializer().serialize("dlq", null));
            assertNull(serde.deserializer().deserialize("dlq", null));
        }
    }

    @Test
    void undecodableBytesRaiseKafkasSerializationException() {
        try (InMemorySchemaRegistry registry = TestRegistries.startInMemory();
             Serde<DeadLetter> serde = AvroSerdes.of(registry, DeadLetter.class)) {
            SerializationException e = assertThrows(SerializationException.class,
                    () -> serde.deserializer().deserialize("dlq", new byte[] {1, 2, 3}));
            assertInstanceOf(RecordDecodingException.class, e.getCause());
        }
    }

    @Test
    void aRegistryFailureWhileWritingRaisesKafkasSerializationException() {
        InMemorySchemaRegistry registry = TestRegistries.startInMemory();
        registry.close();
        Serde<DeadLetter> serde = AvroSerdes.of(TestRegistries.clientOf(registry), DeadLetter.class);
        assertThrows(SerializationException.class, () -> serde.serializer().serialize("dlq", LETTER));
    }
}
