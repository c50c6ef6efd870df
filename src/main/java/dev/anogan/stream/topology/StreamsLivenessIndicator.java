package dev.anogan.stream.topology;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** {@code /health/liveness}: down once the streams application has failed or stopped, so the pod is restarted. */
@Singleton
@Liveness
@Requires(beans = ScoringStreams.class)
class StreamsLivenessIndicator implements HealthIndicator {

    private final ScoringStreams streams;

    StreamsLivenessIndicator(ScoringStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        var state = streams.state();
        return Publishers.just(StreamsHealth.result(StreamsHealth.liveness(state), state));
    }
}
