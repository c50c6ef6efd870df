package dev.anogan.stream.topology;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams.State;

/** What the Kafka Streams state means for the probes. */
@Factory
@Requires(beans = ScoringStreams.class)
class StreamsHealth {

    /** {@code /health/readiness}: ready to take work while running, or moving partitions between instances. */
    @Singleton
    @Readiness
    HealthIndicator streamsReadiness(ScoringStreams streams) {
        return new StreamsHealthIndicator(streams, StreamsHealth::readiness);
    }

    /** {@code /health/liveness}: down once the application has failed or stopped, so the pod is restarted. */
    @Singleton
    @Liveness
    HealthIndicator streamsLiveness(ScoringStreams streams) {
        return new StreamsHealthIndicator(streams, StreamsHealth::liveness);
    }

    static HealthStatus readiness(State state) {
        return state == State.RUNNING || state == State.REBALANCING ? HealthStatus.UP : HealthStatus.DOWN;
    }

    static HealthStatus liveness(State state) {
        return state == State.ERROR || state == State.PENDING_ERROR || state == State.NOT_RUNNING
                ? HealthStatus.DOWN : HealthStatus.UP;
    }
}
