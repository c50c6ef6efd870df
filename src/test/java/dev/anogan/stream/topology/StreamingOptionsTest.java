package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming benchmark's images options: on by default beside the patch rows, off with {@code --images 0}. */
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
}
