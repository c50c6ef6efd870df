package dev.anogan.stream.topology;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** {@code /health/readiness}: ready while the streams application runs or rebalances. */
@Singleton
@Readiness
@Requires(beans = ScoringStreams.class)
class StreamsReadinessIndicator implements HealthIndicator {

    private final ScoringStreams streams;

    StreamsReadinessIndicator(ScoringStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        var state = streams.state();
        return Publishers.just(StreamsHealth.result(StreamsHealth.readiness(state), state));
    }
}
