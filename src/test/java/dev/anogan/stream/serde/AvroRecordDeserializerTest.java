package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.RegistryException;
import dev.anogan.stream.registry.TestRegistries;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Wire bytes to records, and the reason when they are not one, for the dead-letter topic. */
class AvroRecordDeserializerTest {

    private final InMemorySchemaRegistry registry = TestRegistries.startInMemory();
    private final RegistryClient client = TestRegistries.clientOf(registry);
    private final AvroRecordDeserializer<Reading> deserializer = new AvroRecordDeserializer<>(client, Reading.class);

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void decodesHandEncodedBytes() {
        registry.register("readings-value", Reading.SCHEMA$);

        Reading reading = deserializer.deserialize(AvroRecordSerializerTest.READING_BYTES);

        assertEquals(new Reading(-150, "ok"), reading);
    }

    @Test
    void bytesNotInTheWireFormatAreBadWireFormat() {
        RecordDecodingException e = assertThrows(RecordDecodingException.class,
                () -> deserializer.deserialize(new byte[] {'{', '"', 'a'}));

        assertEquals(RecordDecodingException.Reason.BAD_WIRE_FORMAT, e.reason());
        assertEquals(DeadLetterReason.UNDECODABLE, e.reason().deadLetterReason());
    }

    @Test
    void anIdTheRegistryDoesNotKnowIsAnUnknownSchemaId() {
        RecordDecodingException e = assertThrows(RecordDecodingException.class,
                () -> deserializer.deserialize(AvroRecordSerializerTest.READING_BYTES));

        assertEquals(RecordDecodingException.Reason.UNKNOWN_SCHEMA_ID, e.reason());
        assertEquals(DeadLetterReason.UNKNOWN_SCHEMA, e.reason().deadLetterReason());
        assertTrue(e.getMessage().contains("Writer schema 1 is not in the registry"), e.getMessage());
    }

    @Test
    void aTruncatedPayloadIsUndecodable() {
        registry.register("readings-value", Reading.SCHEMA$);
        byte[] truncated = Arrays.copyOf(AvroRecordSerializerTest.READING_BYTES, 8);

        assertUndecodable(truncated);
    }

    @Test
    void bytesLeftOverAfterTheRecordAreUndecodable() {
        registry.register("readings-value", Reading.SCHEMA$);
        byte[] padded = Arrays.copyOf(AvroRecordSerializerTest.READING_BYTES, 12);

        assertTrue(assertUndecodable(padded).getMessage().contains("bytes left over"));
    }

    @Test
    void aStringLengthBeyondThePayloadIsUndecodableNotAllocated() {
        registry.register("readings-value", Reading.SCHEMA$);
        byte[] claimsAGigabyte = {0x02, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'x'};

        RecordDecodingException e = assertUndecodable(WireFormat.encode(1, claimsAGigabyte));

        assertTrue(e.getMessage().contains("string length of 1073741823 where 1 bytes are left"), e.getMessage());
    }

    @Test
    void aMapItemCountBeyondThePayloadIsUndecodableNotAllocated() {
        ImagePatch patch = SampleRecords.imagePatch();
        patch.setMetadata(Map.of());
        byte[] bytes = new AvroRecordSerializer<ImagePatch>(client).serialize("patches", patch);
        // metadata is an empty map (one 0x00), then the null geometry (one 0x00) ends the record: claim 2^30 - 1
        // entries instead, and give one (the record then ends there)
        byte[] claimsAGigaEntryMap = ByteBuffer.allocate(bytes.length - 2 + 9).put(bytes, 0, bytes.length - 2)
                .put(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x02, 'k', 0x02, 'v'})
                .array();

        RecordDecodingException e = assertThrows(RecordDecodingException.class,
                () -> new AvroRecordDeserializer<>(client, ImagePatch.class).deserialize(claimsAGigaEntryMap));

        assertEquals(RecordDecodingException.Reason.UNDECODABLE, e.reason());
        assertTrue(e.getMessage().contains("map block count of 1073741823 where 4 bytes are left"), e.getMessage());
    }

    @Test
    void aWriterSchemaThatDoesNotResolveToTheReadersIsUndecodable() {
        Schema unrelated = SchemaBuilder.record("Reading").namespace("dev.anogan.stream.serde")
                .fields().requiredString("count").endRecord();
        registry.register("readings-value", unrelated);

        assertUndecodable(WireFormat.encode(1, new byte[] {0x02, 'x'}));
    }

    @Test
    void anUnreachableRegistryIsNotTheRecordsFault() {
        registry.close();
        AvroRecordDeserializer<ImagePatch> patches = new AvroRecordDeserializer<>(
                new RegistryClient(TestRegistries.config(registry.url(), 1)), ImagePatch.class);

        RegistryException e = assertThrows(RegistryException.class,
                () -> patches.deserialize(AvroRecordSerializerTest.READING_BYTES));

        assertEquals(RegistryException.NO_RESPONSE, e.status());
    }

    private RecordDecodingException assertUndecodable(byte[] bytes) {
        RecordDecodingException e = assertThrows(RecordDecodingException.class,
                () -> deserializer.deserialize(bytes));
        assertEquals(RecordDecodingException.Reason.UNDECODABLE, e.reason());
        assertEquals(DeadLetterReason.UNDECODABLE, e.reason().deadLetterReason());
        return e;
    }
}
