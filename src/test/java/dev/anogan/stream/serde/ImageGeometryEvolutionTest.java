package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.ImageGeometry;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.registry.CompatibilityLevel;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.RegistryServerSettings;
import dev.anogan.stream.registry.TestRegistries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The optional image geometry keeps the topics' schemas compatible both ways under the embedded registry's FULL
 * level: a producer without it is read with a null geometry, a reader without it skips it.
 */
class ImageGeometryEvolutionTest {

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.start(
            RegistryServerSettings.on("127.0.0.1", 0).withDefaultCompatibility(CompatibilityLevel.FULL));
    private final RegistryClient client = TestRegistries.clientOf(registry);

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void theSchemasWithGeometryAreFullyCompatibleWithTheirPredecessors() {
        for (Schema current : List.of(ImagePatch.SCHEMA$, PatchScore.SCHEMA$)) {
            String subject = SubjectNames.valueSubject(current.getName());
            client.register(subject, withoutGeometry(current));
            assertTrue(client.isCompatible(subject, current), current.getName());
            client.register(subject, current);
            assertEquals(2, client.latest(subject).version());
        }
    }

    @Test
    void aPatchFromAProducerWithoutGeometryIsReadWithNone() {
        Schema older = withoutGeometry(ImagePatch.SCHEMA$);
        ImagePatch patch = SampleRecords.imagePatch();
        GenericRecord written = new GenericData.Record(older);
        older.getFields().forEach(f -> written.put(f.name(), patch.get(f.name())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(older, SpecificData.getForClass(ImagePatch.class))
                    .write(written, encoder);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String subject = SubjectNames.valueSubject("patches");
        byte[] bytes = WireFormat.encode(client.register(subject, older), out.toByteArray());

        ImagePatch read = new AvroRecordDeserializer<>(client, ImagePatch.class).deserialize(bytes);

        assertNull(read.getGeometry());
        assertEquals(patch.getPixels(), read.getPixels());
    }

    @Test
    void aReaderWithoutGeometryReadsATileAndSkipsIt() throws IOException {
        ImagePatch tile = SampleRecords.imagePatch();
        tile.setGeometry(new ImageGeometry(640, 480, 300));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<ImagePatch>(ImagePatch.SCHEMA$, SpecificData.getForClass(ImagePatch.class))
                .write(tile, encoder);

        GenericRecord read = new GenericDatumReader<GenericRecord>(ImagePatch.SCHEMA$,
                withoutGeometry(ImagePatch.SCHEMA$), GenericData.get())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

        assertEquals(tile.getPatchId(), read.get("patchId").toString());
        assertNull(read.getSchema().getField("geometry"));
    }

    /** The schema as it was before the geometry field. */
    private static Schema withoutGeometry(Schema current) {
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream().filter(f -> !f.name().equals("geometry"))
                        .map(f -> new Schema.Field(f, f.schema())).toList());
    }
}
