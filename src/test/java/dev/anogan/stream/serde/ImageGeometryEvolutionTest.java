package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.anogan.stream.avro.ImageGeometry;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.registry.RegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The optional image geometry keeps the topics' schemas compatible both ways under the embedded registry's FULL
 * level: a producer without it is read with a null geometry, a reader without it skips it.
 */
class ImageGeometryEvolutionTest {

    private final FullCompatibilityRegistry registry = new FullCompatibilityRegistry();
    private final RegistryClient client = registry.client();

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void theSchemasWithGeometryAreFullyCompatibleWithTheirPredecessors() {
        registry.assertCompatibleAfter(ImagePatch.SCHEMA$, "geometry");
        registry.assertCompatibleAfter(PatchScore.SCHEMA$, "geometry");
    }

    @Test
    void aPatchFromAProducerWithoutGeometryIsReadWithNone() {
        Schema older = withoutGeometry(ImagePatch.SCHEMA$);
        ImagePatch patch = SampleRecords.imagePatch();
        String subject = SubjectNames.valueSubject("patches");
        byte[] bytes = WireFormat.encode(client.register(subject, older), EarlierSchemas.writtenWith(older, patch));

        ImagePatch read = new AvroRecordDeserializer<>(client, ImagePatch.class).deserialize(bytes);

        assertNull(read.getGeometry());
        assertEquals(patch.getPixels(), read.getPixels());
    }

    @Test
    void aReaderWithoutGeometryReadsATileAndSkipsIt() {
        ImagePatch tile = SampleRecords.imagePatch();
        tile.setGeometry(new ImageGeometry(640, 480, 300));

        GenericRecord read = EarlierSchemas.readWith(withoutGeometry(ImagePatch.SCHEMA$), ImagePatch.SCHEMA$,
                EarlierSchemas.written(tile));

        assertEquals(tile.getPatchId(), read.get("patchId").toString());
        assertNull(read.getSchema().getField("geometry"));
    }

    /** The schema as it was before the geometry field. */
    private static Schema withoutGeometry(Schema current) {
        return EarlierSchemas.without(current, "geometry");
    }
}
