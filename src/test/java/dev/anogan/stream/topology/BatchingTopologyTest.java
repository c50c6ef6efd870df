package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.PatchScore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/** Valid patches wait in the buffer store until their batch is full or the wall-clock punctuator fires. */
@ExtendWith(PerClassFixture.class)
class BatchingTopologyTest {

    private static StreamingFixture fixture;

    @BeforeAll
    static void start(StreamingFixture perClass) {
        fixture = perClass;
    }

    @Test
    void patchesWaitInTheStoreUntilTheBatchIsFull() {
        try (DriverHarness harness = new DriverHarness(fixture, 4)) {
            StreamingFixture.patches(3).forEach(harness::send);
            assertTrue(harness.scores.isEmpty());
            assertEquals(3, harness.buffer().approximateNumEntries());

            harness.send(StreamingFixture.patch(3));
            List<PatchScore> scores = harness.scores.readValuesToList();
            assertEquals(List.of("patch-0", "patch-1", "patch-2", "patch-3"),
                    scores.stream().map(PatchScore::getPatchId).toList());
            assertTrue(scores.stream().allMatch(s -> s.getBatchSize() == 4));
            assertEquals(0, harness.buffer().approximateNumEntries());
        }
    }

    @Test
    void aPartBatchIsScoredWhenItsWaitIsUp() {
        try (DriverHarness harness = new DriverHarness(fixture, 64)) {
            StreamingFixture.patches(5).forEach(harness::send);
            harness.driver.advanceWallClockTime(DriverHarness.MAX_WAIT.dividedBy(2));
            assertTrue(harness.scores.isEmpty());

            harness.driver.advanceWallClockTime(DriverHarness.MAX_WAIT);
            assertEquals(5, harness.scores.readValuesToList().size());
            assertEquals(0, harness.buffer().approximateNumEntries());
        }
    }
}
