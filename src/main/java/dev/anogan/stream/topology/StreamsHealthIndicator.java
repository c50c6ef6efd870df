package dev.anogan.stream.topology;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams.State;
import org.reactivestreams.Publisher;

/** One probe's view of the streams application: its state, and what that state means for the probe. */
final class StreamsHealthIndicator implements HealthIndicator {

    private final ScoringStreams streams;
    private final Function<State, HealthStatus> meaning;

    StreamsHealthIndicator(ScoringStreams streams, Function<State, HealthStatus> meaning) {
        this.streams = streams;
        this.meaning = meaning;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        State state = streams.state();
        return Publishers.just(HealthResult.builder("kafkaStreams", meaning.apply(state))
                .details(Map.of("state", state.name())).build());
    }
}
