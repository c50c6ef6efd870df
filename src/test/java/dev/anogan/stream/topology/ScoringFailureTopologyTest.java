package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A batch the model fails on is scored again patch by patch; only the patch it fails on alone is dead-lettered. */
class ScoringFailureTopologyTest {

    private static StreamingFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new StreamingFixture(FailingMethods.FailsOnBlankPatches::new);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void onlyThePatchTheModelFailsOnIsDeadLetteredAsScoringFailed() {
        ImagePatch blank = ImagePatch.newBuilder(StreamingFixture.patch(1)).setPatchId("blank")
                .setPixels(ByteBuffer.allocate(28 * 28)).build();
        byte[] blankBytes = fixture.bytes("patches", blank);
        try (DriverHarness harness = new DriverHarness(fixture, 3)) {
            harness.send(StreamingFixture.patch(0));
            harness.patches.pipeInput("blank".getBytes(), blankBytes);
            harness.send(StreamingFixture.patch(2));

            assertEquals(List.of("patch-0", "patch-2"),
                    harness.scores.readValuesToList().stream().map(PatchScore::getPatchId).toList());
            DeadLetter letter = harness.deadLetters.readValue();
            assertEquals(DeadLetterReason.SCORING_FAILED, letter.getReason());
            assertTrue(letter.getReasonText().contains("blank input"), letter.getReasonText());
            assertArrayEquals(blankBytes, letter.getValue().array());
            assertEquals(1L, letter.getOffset());
            assertTrue(harness.deadLetters.isEmpty());
            assertEquals(0, harness.buffer().approximateNumEntries());
        }
    }
}
