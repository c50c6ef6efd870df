package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.TestRegistries;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records to wire bytes, with their schema registered under the topic's value subject. */
class AvroRecordSerializerTest {

    /** {@code Reading(count = -150, label = "ok")} written with schema id 1, encoded by hand. */
    static final byte[] READING_BYTES = {
        0x00,                      // magic byte
        0x00, 0x00, 0x00, 0x01,    // schema id 1, big-endian
        (byte) 0xAB, 0x02,         // count: zig-zag(-150) = 299 = 0b10_0101011 -> varint 0xAB 0x02
        0x04, 'o', 'k'             // label: length zig-zag(2) = 4, then the UTF-8 bytes
    };

    private final InMemorySchemaRegistry registry = TestRegistries.startInMemory();
    private final AvroRecordSerializer<Reading> serializer = new AvroRecordSerializer<>(registry);

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void writesTheMagicByteTheSchemaIdAndTheZigZagAvroBinary() {
        assertArrayEquals(READING_BYTES, serializer.serialize("readings", new Reading(-150, "ok")));
    }

    @Test
    void registersTheRecordsSchemaUnderTheTopicsValueSubject() {
        serializer.serialize("readings", new Reading(1, "a"));

        assertEquals(List.of("readings-value"), registry.subjects());
        assertEquals(Reading.SCHEMA$, registry.latest("readings-value").schema());
    }
}
