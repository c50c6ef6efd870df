package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The batch buffer's entries round-trip through the changelog format, keys or not. */
class SourceRecordSerdeTest {

    private final SourceRecordSerde serde = new SourceRecordSerde();

    @Test
    void aRecordWithAndWithoutAKeyRoundTrips() {
        for (byte[] key : new byte[][] {{1, 2}, null}) {
            SourceRecord record = new SourceRecord(key, new byte[] {0, 9, 8}, "patches", 3, 9_000_000_000L, 1_234L);
            SourceRecord back = serde.deserializer().deserialize("changelog",
                    serde.serializer().serialize("changelog", record));
            assertArrayEquals(record.key(), back.key());
            assertArrayEquals(record.value(), back.value());
            assertEquals(record.topic(), back.topic());
            assertEquals(record.partition(), back.partition());
            assertEquals(record.offset(), back.offset());
            assertEquals(record.timestamp(), back.timestamp());
        }
    }

    @Test
    void aTombstoneStaysNullAndCorruptBytesAreRefused() {
        assertNull(serde.serializer().serialize("changelog", null));
        assertNull(serde.deserializer().deserialize("changelog", null));
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("changelog", new byte[] {1}));
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("changelog", new byte[] {7}));
    }
}
