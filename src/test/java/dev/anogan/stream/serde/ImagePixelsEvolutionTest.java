package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.registry.CompatibilityLevel;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.RegistryServerSettings;
import dev.anogan.stream.registry.TestRegistries;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pixels that came with the images view — {@code ImageVerdict.image} and the tiles' {@code PatchScore.patch} —
 * keep both schemas compatible both ways under the embedded registry's FULL level: a record from a writer without
 * them is read with null, a reader without them skips them.
 */
class ImagePixelsEvolutionTest {

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.start(
            RegistryServerSettings.on("127.0.0.1", 0).withDefaultCompatibility(CompatibilityLevel.FULL));
    private final RegistryClient client = TestRegistries.clientOf(registry);

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void theVerdictWithItsImageIsFullyCompatibleWithItsPredecessor() {
        assertCompatibleAfter(ImageVerdict.SCHEMA$, "image");
    }

    @Test
    void theScoreWithItsPatchIsFullyCompatibleWithItsPredecessor() {
        assertCompatibleAfter(PatchScore.SCHEMA$, "patch");
    }

    @Test
    void aVerdictFromAWriterWithoutTheImageIsReadWithNone() {
        Schema older = EarlierSchemas.without(ImageVerdict.SCHEMA$, "image");
        ImageVerdict verdict = SampleRecords.imageVerdict();
        byte[] bytes = WireFormat.encode(client.register(SubjectNames.valueSubject("image-verdicts"), older),
                EarlierSchemas.writtenWith(older, verdict));

        ImageVerdict read = new AvroRecordDeserializer<>(client, ImageVerdict.class).deserialize(bytes);

        assertNull(read.getImage());
        assertEquals(verdict.getAnomalyMap(), read.getAnomalyMap());
    }

    @Test
    void aReaderWithoutTheImageReadsAVerdictAndSkipsIt() {
        ImageVerdict verdict = SampleRecords.imageVerdict();
        assertNotNull(verdict.getImage());

        GenericRecord read = EarlierSchemas.readWith(EarlierSchemas.without(ImageVerdict.SCHEMA$, "image"),
                ImageVerdict.SCHEMA$, EarlierSchemas.written(verdict));

        assertEquals(verdict.getImageId(), read.get("imageId").toString());
        assertEquals(verdict.getMapScale(), read.get("mapScale"));
        assertNull(read.getSchema().getField("image"));
    }

    /** Registers {@code current} without {@code field}, then checks and registers {@code current} after it. */
    private void assertCompatibleAfter(Schema current, String field) {
        String subject = SubjectNames.valueSubject(current.getName());
        client.register(subject, EarlierSchemas.without(current, field));
        assertTrue(client.isCompatible(subject, current), current.getName());
        client.register(subject, current);
        assertEquals(2, client.latest(subject).version());
    }
}
