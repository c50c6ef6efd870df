package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The streaming benchmark's options: images rows on by default beside the patch rows, off with {@code --images 0};
 * the separate broker on any CPU unless {@code --broker-cpus} names some; the test set's own mix of patches unless
 * {@code --anomalous-share} sets one.
 */
class StreamingOptionsTest {

    @Test
    void imagesRowsComeByDefaultWithFourByFourMosaics() {
        StreamingOptions options = StreamingOptions.parse(new String[0]);
        assertEquals(List.of(200, 4), List.of(options.images(), options.imageGrid()));
    }

    @Test
    void imagesAndGridAreSetAndImagesCanBeTurnedOff() {
        StreamingOptions options = StreamingOptions.parse(new String[] {"--images", "0", "--image-grid", "8"});
        assertEquals(List.of(0, 8), List.of(options.images(), options.imageGrid()));
    }

    @Test
    void negativeImagesAndAnEmptyGridAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StreamingOptions.parse(new String[] {"--images", "-1"}));
        assertThrows(IllegalArgumentException.class,
                () -> StreamingOptions.parse(new String[] {"--image-grid", "0"}));
    }

    @Test
    void anAnomalousShareIsTakenBetweenZeroAndOneAndIsUnsetByDefault() {
        assertEquals(OptionalDouble.empty(), StreamingOptions.parse(new String[0]).anomalousShare());
        assertEquals(OptionalDouble.of(0.01),
                StreamingOptions.parse(new String[] {"--anomalous-share", "0.01"}).anomalousShare());
        assertThrows(IllegalArgumentException.class,
                () -> StreamingOptions.parse(new String[] {"--anomalous-share", "1.5"}));
        assertThrows(IllegalArgumentException.class,
                () -> StreamingOptions.parse(new String[] {"--anomalous-share", "NaN"}));
    }

    @Test
    void theSeparateBrokerRunsAnywhereUnlessCpusAreNamed() {
        assertEquals(Optional.empty(), StreamingOptions.parse(new String[0]).brokerCpus());
        assertEquals(Optional.of("1"), StreamingOptions.parse(new String[] {"--broker-cpus", "1"}).brokerCpus());
    }
}
