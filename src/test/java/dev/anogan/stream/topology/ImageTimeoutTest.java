package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.ImageStatus;
import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.images.AssemblyPolicy;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Images that never complete still get one verdict: after the wall-clock timeout (TIMED_OUT, with the missing
 * count), or when too many images are open (the oldest, EVICTED); a patch arriving after its image's verdict is
 * dropped, not a second verdict.
 */
@ExtendWith(PerClassFixture.class)
class ImageTimeoutTest {

    private static final AssemblyPolicy POLICY = new AssemblyPolicy(Duration.ofSeconds(5), 2, 256,
            Duration.ofMinutes(1), Duration.ofSeconds(1));

    @Test
    void anIncompleteImageTimesOutWithItsMissingCountAndALatePatchMakesNoSecondVerdict(StreamingFixture fixture) {
        try (DriverHarness harness = ImageVerdictsTopologyTest.harness(fixture, POLICY)) {
            TestOutputTopic<String, ImageVerdict> verdicts = ImageVerdictsTopologyTest.verdicts(harness);
            List<ImagePatch> tiles = ImageTiles.image("slow", 3, 1, 2, 3);
            harness.send(tiles.get(0));
            harness.send(tiles.get(1));
            harness.driver.advanceWallClockTime(Duration.ofSeconds(4));
            assertTrue(verdicts.isEmpty(), "closed before its timeout");
            harness.driver.advanceWallClockTime(Duration.ofSeconds(2));
            ImageVerdict verdict = verdicts.readValue();
            assertEquals(ImageStatus.TIMED_OUT, verdict.getStatus());
            assertEquals(List.of(3, 2, 0, 1), List.of(verdict.getPatchesExpected(), verdict.getPatchesScored(),
                    verdict.getPatchesDeadLettered(), verdict.getPatchesMissing()));

            harness.send(tiles.get(2));
            harness.driver.advanceWallClockTime(Duration.ofSeconds(10));
            assertTrue(verdicts.isEmpty(), "a late patch made a second verdict");
            assertEquals(1, harness.scores.readValuesToList().size() - 2, "the late patch is still scored");
        }
    }

    @Test
    void oneImageMoreThanTheLimitClosesTheOldestOpenOne(StreamingFixture fixture) {
        try (DriverHarness harness = ImageVerdictsTopologyTest.harness(fixture, POLICY)) {
            TestOutputTopic<String, ImageVerdict> verdicts = ImageVerdictsTopologyTest.verdicts(harness);
            harness.send(ImageTiles.image("first", 2, 1, 2).get(0));
            harness.send(ImageTiles.image("second", 2, 1, 2).get(0));
            assertTrue(verdicts.isEmpty());
            harness.send(ImageTiles.image("third", 2, 1, 2).get(0));
            List<ImageVerdict> closed = verdicts.readValuesToList();
            assertEquals(1, closed.size());
            assertEquals("first", closed.get(0).getImageId());
            assertEquals(ImageStatus.EVICTED, closed.get(0).getStatus());
            assertEquals(1, closed.get(0).getPatchesMissing());
        }
    }
}
