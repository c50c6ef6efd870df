package dev.anogan.stream.topology;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/** One probe's view of the streams application ({@link ScoringStreams#readiness()} or its liveness). */
final class StreamsHealthIndicator implements HealthIndicator {

    private final Supplier<ScoringStreams.ProbeReport> probe;

    StreamsHealthIndicator(Supplier<ScoringStreams.ProbeReport> probe) {
        this.probe = probe;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        ScoringStreams.ProbeReport report = probe.get();
        return Publishers.just(HealthResult.builder("kafkaStreams", report.status()).details(report.details()).build());
    }
}
