package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.testing.FashionMnist;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's patches with a chosen share of anomalies: the share it asks for, spread along the stream. */
class PatchMixTest {

    private static final FashionMnist TEST = FashionMnist.test();

    private static int label(ImagePatch patch) {
        return TEST.label(Integer.parseInt(patch.getMetadata().get("index")));
    }

    @Test
    void oneInAHundredIsFromAnotherClassAndTheRestAreNormal() {
        List<ImagePatch> patches = StreamingFixture.patches(2_500, 0.01, Set.of(1));
        assertEquals(2_500, patches.size());
        assertEquals(25, patches.stream().filter(p -> label(p) != 1).count());
        for (int hundred = 0; hundred < 25; hundred++) {
            assertEquals(1, patches.subList(100 * hundred, 100 * hundred + 100).stream()
                    .filter(p -> label(p) != 1).count(), "hundred " + hundred);
        }
    }

    @Test
    void theExtremesAreAllNormalAndAllAnomalous() {
        assertEquals(0, StreamingFixture.patches(300, 0, Set.of(1)).stream().filter(p -> label(p) != 1).count());
        assertEquals(300, StreamingFixture.patches(300, 1, Set.of(1)).stream().filter(p -> label(p) != 1).count());
    }
}
