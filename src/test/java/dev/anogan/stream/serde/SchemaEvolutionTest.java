package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.RegistryException;
import dev.anogan.stream.registry.TestRegistries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Producers evolving their schemas: compatible changes still decode into our classes, others are refused. */
class SchemaEvolutionTest {

    private static final String PATCHES = SubjectNames.valueSubject("patches");

    private final InMemorySchemaRegistry registry = TestRegistries.startInMemory();
    private final RegistryClient client = TestRegistries.clientOf(registry);

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void aPatchWrittenWithAnExtraOptionalFieldDecodesIntoTheGeneratedClass() {
        client.register(PATCHES, ImagePatch.SCHEMA$);
        Schema newer = withFields(ImagePatch.SCHEMA$, fields -> {
            fields.add(new Schema.Field("exposureMicros", SchemaBuilder.unionOf().nullType().and().longType()
                    .endUnion(), "Exposure time.", Schema.Field.NULL_DEFAULT_VALUE));
            return fields;
        });
        ImagePatch patch = SampleRecords.imagePatch();
        GenericRecord written = copy(patch, newer);
        written.put("exposureMicros", 250L);

        byte[] bytes = WireFormat.encode(client.register(PATCHES, newer), avroBinary(written, patch));
        ImagePatch read = new AvroRecordDeserializer<>(client, ImagePatch.class).deserialize(bytes);

        assertEquals(patch, read);
        assertEquals(2, client.latest(PATCHES).version());
    }

    @Test
    void aDeadLetterReasonTheReaderDoesNotKnowBecomesOther() {
        String dlq = SubjectNames.valueSubject("patches-dlq");
        client.register(dlq, DeadLetter.SCHEMA$);
        Schema newer = new Schema.Parser().parse(DeadLetter.SCHEMA$.toString()
                .replace("\"OTHER\"]", "\"OTHER\",\"QUOTA_EXCEEDED\"]"));
        DeadLetter letter = SampleRecords.deadLetter();
        GenericRecord written = copy(letter, newer);
        written.put("reason", new GenericData.EnumSymbol(newer.getField("reason").schema(), "QUOTA_EXCEEDED"));

        byte[] bytes = WireFormat.encode(client.register(dlq, newer), avroBinary(written, letter));
        DeadLetter read = new AvroRecordDeserializer<>(client, DeadLetter.class).deserialize(bytes);

        assertEquals(DeadLetterReason.OTHER, read.getReason());
        assertEquals(letter.getValue(), read.getValue());
    }

    @Test
    void aFieldThatChangesItsTypeIsIncompatibleAndRefused() {
        client.register(PATCHES, ImagePatch.SCHEMA$);
        Schema widthAsText = withFields(ImagePatch.SCHEMA$, fields -> fields.stream()
                .map(f -> f.name().equals("width") ? new Schema.Field(f.name(), Schema.create(Schema.Type.STRING))
                        : f)
                .toList());

        assertFalse(client.isCompatible(PATCHES, widthAsText));
        RegistryException e = assertThrows(RegistryException.class, () -> client.register(PATCHES, widthAsText));
        assertEquals(409, e.status());
        assertEquals(409, e.errorCode());
        assertTrue(e.getMessage().contains("incompatible with the latest schema of subject 'patches-value'"),
                e.getMessage());
        assertEquals(1, client.latest(PATCHES).version());
    }

    @Test
    void aNewFieldWithoutDefaultIsIncompatible() {
        client.register(PATCHES, ImagePatch.SCHEMA$);
        Schema newRequiredField = withFields(ImagePatch.SCHEMA$, fields -> {
            fields.add(new Schema.Field("lens", Schema.create(Schema.Type.STRING)));
            return fields;
        });

        assertFalse(client.isCompatible(PATCHES, newRequiredField));
        assertTrue(client.isCompatible(PATCHES, ImagePatch.SCHEMA$));
    }

    /** {@code record}'s schema with its fields changed by {@code change} (which gets copies it may edit). */
    private static Schema withFields(Schema record, UnaryOperator<List<Schema.Field>> change) {
        List<Schema.Field> fields = new ArrayList<>();
        record.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false,
                change.apply(fields));
    }

    /** {@code record}'s values as a record of schema {@code newer}, field by field. */
    private static GenericRecord copy(SpecificRecord record, Schema newer) {
        GenericRecord copy = new GenericData.Record(newer);
        record.getSchema().getFields().forEach(f -> copy.put(f.name(), record.get(f.pos())));
        return copy;
    }

    /** Avro binary of {@code written}, with {@code original}'s conversions (timestamps as Instant). */
    private static byte[] avroBinary(GenericRecord written, SpecificRecord original) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(written.getSchema(), SpecificData.getForClass(original.getClass()))
                    .write(written, encoder);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }
}
