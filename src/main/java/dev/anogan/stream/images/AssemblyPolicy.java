package dev.anogan.stream.images;

import java.time.Duration;

/**
 * When the assembly closes images and how large their maps are ({@link ImagesConfiguration} has the defaults).
 *
 * @param timeout         an image still incomplete this long after its first patch arrived is closed, TIMED_OUT
 * @param maxOpenImages   most images open at once per task; one more closes the oldest, EVICTED
 * @param maxMapSide      longest side of a verdict's anomaly map; larger images get a downscaled map
 * @param closedRetention how long a closed image is remembered, so that its late patches are dropped
 * @param checkInterval   how often the timeouts are checked (wall clock)
 */
public record AssemblyPolicy(Duration timeout, int maxOpenImages, int maxMapSide, Duration closedRetention,
                             Duration checkInterval) {
}
