package dev.anogan.stream.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BatcherSettingsTest {

    private static final Duration DELAY = Duration.ofMillis(10);

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(0, DELAY, List.of(), 8, "b", "maxBatchSize must be > 0, got 0"),
                Arguments.of(4, Duration.ofMillis(-1), List.of(), 8, "b", "maxQueueDelay must be between 0 and "),
                Arguments.of(4, DELAY, List.of(0), 8, "b", "preferredBatchSizes must lie in 1..4, got [0]"),
                Arguments.of(4, DELAY, List.of(2, 5), 8, "b", "preferredBatchSizes must lie in 1..4, got [2, 5]"),
                Arguments.of(4, DELAY, List.of(2, 2), 8, "b", "preferredBatchSizes must be strictly ascending, got [2, 2]"),
                Arguments.of(4, DELAY, List.of(3, 2), 8, "b", "preferredBatchSizes must be strictly ascending, got [3, 2]"),
                Arguments.of(4, DELAY, List.of(), 3, "b", "queueCapacity must be >= maxBatchSize (4), got 3"),
                Arguments.of(4, DELAY, List.of(), 8, " ", "name must not be blank"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void invalidSettingIsRejectedWithAMessageNamingIt(int maxBatchSize, Duration delay, List<Integer> preferred,
                                                      int capacity, String name, String expectedMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BatcherSettings(maxBatchSize, delay, preferred, capacity, name));
        assertTrue(e.getMessage().startsWith(expectedMessage), e.getMessage());
    }

    @Test
    void preferredSizesAreCopiedAtConstruction() {
        List<Integer> preferred = new ArrayList<>(List.of(2, 4));
        BatcherSettings settings = new BatcherSettings(8, DELAY, preferred, 8, "b");
        preferred.add(8);
        assertEquals(List.of(2, 4), settings.preferredBatchSizes());
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "3, 3", "4, 4", "7, 4", "8, 8", "15, 8"})
    void afterTheDelayTheLargestPreferredSizeThatFitsIsChosen(int queued, int expected) {
        assertEquals(expected, new BatcherSettings(16, DELAY, List.of(4, 8), 16, "b").batchSizeAfterDelay(queued));
    }

    @Test
    void afterTheDelayWithoutPreferredSizesEverythingQueuedIsChosen() {
        assertEquals(11, new BatcherSettings(16, DELAY, 16, "b").batchSizeAfterDelay(11));
    }
}
