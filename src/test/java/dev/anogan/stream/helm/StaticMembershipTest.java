package dev.anogan.stream.helm;

import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each pod is a static member of the consumer group, named by the pod (downward API), so that a container restarted
 * in its pod takes its partitions back without a rebalance; values can turn it off.
 */
class StaticMembershipTest {

    private static final String INSTANCE_ID = "ANOGAN_STREAMS_INSTANCE_ID";

    @Test
    void thePodNameIsTheGroupInstanceIdByDefault() {
        Map<String, Object> env = instanceId(RenderedChart.withDefaults()).orElseThrow();
        assertEquals("metadata.name", map(map(env, "valueFrom"), "fieldRef").get("fieldPath"));
        assertTrue(ServiceConfigurationKeys.ENV_NAMES.contains(INSTANCE_ID));
    }

    @Test
    void staticMembershipCanBeTurnedOff() {
        assertEquals(Optional.empty(), instanceId(RenderedChart.withSettings(
                Map.of("streams.staticMembership", false))));
    }

    @Test
    void theDerivedTimeoutsReachTheEnvironment() {
        Map<String, Object> env = RenderedChart.withSettings(Map.of("streams.maxBatchTime", "3m",
                "streams.sessionTimeout", "30s", "streams.maxMetadataBytes", 1024)).environmentConfigMap();
        assertEquals("3m", env.get("ANOGAN_STREAMS_MAX_BATCH_TIME"));
        assertEquals("30s", env.get("ANOGAN_STREAMS_SESSION_TIMEOUT"));
        assertEquals("1024", env.get("ANOGAN_STREAMS_MAX_METADATA_BYTES"));
    }

    private static Optional<Map<String, Object>> instanceId(RenderedChart chart) {
        return chart.containerEnv().stream().filter(e -> INSTANCE_ID.equals(e.get("name"))).findFirst();
    }
}
