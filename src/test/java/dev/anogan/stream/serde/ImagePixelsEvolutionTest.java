package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.registry.RegistryClient;
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

    private final FullCompatibilityRegistry registry = new FullCompatibilityRegistry();
    private final RegistryClient client = registry.client();

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void theVerdictWithItsImageIsFullyCompatibleWithItsPredecessor() {
        registry.assertCompatibleAfter(ImageVerdict.SCHEMA$, "image");
    }

    @Test
    void theScoreWithItsPatchIsFullyCompatibleWithItsPredecessor() {
        registry.assertCompatibleAfter(PatchScore.SCHEMA$, "patch");
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
}
