package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.health.HealthStatus;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every Kafka Streams state has a meaning for both probes (the running case is covered end to end). */
class StreamsHealthTest {

    @ParameterizedTest
    @EnumSource(State.class)
    void readyOnlyWhileRunningOrRebalancingAndDeadOnlyOnceFailedOrStopped(State state) {
        boolean working = state == State.RUNNING || state == State.REBALANCING;
        boolean over = state == State.ERROR || state == State.PENDING_ERROR || state == State.NOT_RUNNING;
        assertEquals(working ? HealthStatus.UP : HealthStatus.DOWN, StreamsHealth.readiness(state));
        assertEquals(over ? HealthStatus.DOWN : HealthStatus.UP, StreamsHealth.liveness(state));
    }
}
