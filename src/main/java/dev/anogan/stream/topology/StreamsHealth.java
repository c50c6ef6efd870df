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

    /**
     * {@code /health/readiness}: ready to take work while running, or moving partitions between instances, as long
     * as the cluster answers and partitions with lag make progress ({@link ScoringStreams#readiness()}).
     */
    @Singleton
    @Readiness
    HealthIndicator streamsReadiness(ScoringStreams streams) {
        return new StreamsHealthIndicator(streams::readiness);
    }

    /**
     * {@code /health/liveness}: down once the application has failed or stopped (also after too many stream-thread
     * failures), or while the model is down, so the pod is restarted ({@link ScoringStreams#liveness()}).
     */
    @Singleton
    @Liveness
    HealthIndicator streamsLiveness(ScoringStreams streams) {
        return new StreamsHealthIndicator(streams::liveness);
    }

    /** What the state alone means for readiness. */
    static HealthStatus readiness(State state) {
        return state == State.RUNNING || state == State.REBALANCING ? HealthStatus.UP : HealthStatus.DOWN;
    }

    /** What the state alone means for liveness. */
    static HealthStatus liveness(State state) {
        return state == State.ERROR || state == State.PENDING_ERROR || state == State.NOT_RUNNING
                ? HealthStatus.DOWN : HealthStatus.UP;
    }
}
