package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.kafka.StreamsConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A patch's metadata is copied into its score and alert: metadata over {@code anogan.streams.max-metadata-bytes}
 * is a dead letter on input, before it can make an output the broker refuses (which would fail the task on the
 * same record forever).
 */
class MetadataLimitTest extends FixturePerClass {

    @Test
    void metadataOverTheLimitIsADeadLetterAndMetadataUpToItIsScored() {
        int limit = new StreamsConfiguration().getMaxMetadataBytes();
        ImagePatch over = ImagePatch.newBuilder(StreamingFixture.patch(0)).setPatchId("over")
                .setMetadata(Map.of("notes", "x".repeat(limit))).build();
        ImagePatch at = ImagePatch.newBuilder(StreamingFixture.patch(1)).setPatchId("at")
                .setMetadata(Map.of("notes", "x".repeat(limit - "notes".length()))).build();
        try (DriverHarness harness = new DriverHarness(fixture, 2)) {
            harness.send(over);
            harness.send(at);
            harness.send(StreamingFixture.patch(2));

            DeadLetter letter = harness.deadLetters.readValue();
            assertEquals(DeadLetterReason.METADATA_TOO_LARGE, letter.getReason());
            assertEquals("over", Supervisions.key(letter));
            assertTrue(letter.getReasonText().contains("max-metadata-bytes"), letter.getReasonText());
            assertTrue(harness.deadLetters.isEmpty());
            assertEquals(List.of("at", "patch-2"),
                    harness.scores.readValuesToList().stream().map(PatchScore::getPatchId).toList());
        }
    }
}
