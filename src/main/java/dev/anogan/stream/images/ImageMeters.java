package dev.anogan.stream.images;

import dev.anogan.stream.avro.ImageStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** Counts image verdicts by status ({@code anogan.image.verdicts}) and dropped late patches. */
final class ImageMeters {

    private final Map<ImageStatus, Counter> verdicts = new EnumMap<>(ImageStatus.class);
    private final Counter latePatches;

    ImageMeters(MeterRegistry meters) {
        for (ImageStatus status : ImageStatus.values()) {
            verdicts.put(status, Counter.builder("anogan.image.verdicts")
                    .description("Image verdicts published, by status").tag("status", status.name())
                    .register(meters));
        }
        latePatches = Counter.builder("anogan.image.late.patches")
                .description("Patches that arrived after their image's verdict, dropped").register(meters);
    }

    void verdict(ImageStatus status) {
        verdicts.get(status).increment();
    }

    void latePatch() {
        latePatches.increment();
    }
}
