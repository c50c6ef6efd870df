package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anogan.stream.registry.SchemaLogEntry.Compatibility;
import dev.anogan.stream.registry.SchemaLogEntry.CompatibilityRemoved;
import dev.anogan.stream.registry.SchemaLogEntry.SchemaText;
import dev.anogan.stream.registry.SchemaLogEntry.SubjectVersion;
import dev.anogan.stream.registry.SchemaLogEntry.VersionRemoved;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The records of the {@code _schemas} topic: every entry reads back as written; removals are tombstones. */
class SchemaLogCodecTest {

    static Stream<SchemaLogEntry> entries() {
        return Stream.of(new SchemaText(3, TestSchemas.COUNT.toString()),
                new SubjectVersion("patches-value", 2, 3, true),
                new VersionRemoved("patches-value", 2),
                new Compatibility(Optional.of("patches-value"), CompatibilityLevel.FULL),
                new Compatibility(Optional.empty(), CompatibilityLevel.NONE),
                new CompatibilityRemoved("patches-value"));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void everyEntryReadsBackAsWritten(SchemaLogEntry entry) {
        SchemaLogCodec.KeyValue record = SchemaLogCodec.encode(entry);

        assertEquals(Optional.of(entry), SchemaLogCodec.decode(record.key(), record.value()));
    }

    @Test
    void aRemovalIsATombstoneOnTheKeyOfWhatItRemoves() {
        SchemaLogCodec.KeyValue version = SchemaLogCodec.encode(new SubjectVersion("s", 1, 1, false));
        SchemaLogCodec.KeyValue removed = SchemaLogCodec.encode(new VersionRemoved("s", 1));
        SchemaLogCodec.KeyValue level = SchemaLogCodec.encode(new Compatibility(Optional.of("s"), CompatibilityLevel.FULL));
        SchemaLogCodec.KeyValue levelRemoved = SchemaLogCodec.encode(new CompatibilityRemoved("s"));

        assertArrayEquals(version.key(), removed.key());
        assertNull(removed.value());
        assertArrayEquals(level.key(), levelRemoved.key());
        assertNull(levelRemoved.value());
    }

    @Test
    void anUnknownKeyTypeIsSkippedAndAForeignRecordRefused() {
        assertEquals(Optional.empty(), SchemaLogCodec.decode(bytes("{\"keytype\":\"MODE\",\"subject\":null}"),
                bytes("{\"mode\":\"READWRITE\"}")));
        assertThrows(SchemaLogException.class, () -> SchemaLogCodec.decode(bytes("not json"), null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
