package dev.anogan.stream.topology;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;

/** What a Kafka Streams state means for the probes. */
final class StreamsHealth {

    static final String NAME = "kafkaStreams";

    private StreamsHealth() {
    }

    /** Ready to take work: running, or moving partitions between instances. */
    static HealthStatus readiness(State state) {
        return state == State.RUNNING || state == State.REBALANCING ? HealthStatus.UP : HealthStatus.DOWN;
    }

    /** Alive unless the application has failed or stopped: only a restart brings it back. */
    static HealthStatus liveness(State state) {
        return state == State.ERROR || state == State.PENDING_ERROR || state == State.NOT_RUNNING
                ? HealthStatus.DOWN : HealthStatus.UP;
    }

    static HealthResult result(HealthStatus status, State state) {
        return HealthResult.builder(NAME, status).details(Map.of("state", state.name())).build();
    }
}
