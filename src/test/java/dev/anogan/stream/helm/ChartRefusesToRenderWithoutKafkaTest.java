package dev.anogan.stream.helm;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pod never brings its own broker, so without a Kafka cluster it would be Ready and score nothing: the chart
 * refuses to render without streams.bootstrapServers and registry.url, saying what to set. The pod binds every
 * interface explicitly (the Service and the probes reach it on the pod's address).
 */
class ChartRefusesToRenderWithoutKafkaTest {

    @Test
    void theBareDefaultsAreRefusedNamingStreamsBootstrapServers() {
        Exception refused = assertThrows(Exception.class, () -> RenderedChart.templateWith(Map.of()));
        assertTrue(refused.getMessage().contains("streams.bootstrapServers is required"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--set streams.bootstrapServers="), refused.getMessage());
    }

    @Test
    void bootstrapServersWithoutARegistryAreRefusedNamingRegistryUrl() {
        Exception refused = assertThrows(Exception.class, () -> RenderedChart.templateWith(
                Map.of("streams.bootstrapServers", "kafka:9092")));
        assertTrue(refused.getMessage().contains("registry.url is required"), refused.getMessage());
    }

    @Test
    void withBothTheServiceIsPointedAtThemAndKeepsTheEmbeddedClusterOff() {
        Map<String, Object> env = RenderedChart.withDefaults().environmentConfigMap();
        assertEquals(RenderedChart.REQUIRED.get("streams.bootstrapServers"), env.get("ANOGAN_STREAMS_BOOTSTRAP_SERVERS"));
        assertEquals(RenderedChart.REQUIRED.get("registry.url"), env.get("ANOGAN_REGISTRY_URL"));
        assertEquals("false", env.get("ANOGAN_EMBEDDED_ENABLED"));
    }

    @Test
    void theServerBindsEveryInterfaceOfThePodExplicitly() {
        for (RenderedChart chart : new RenderedChart[] {RenderedChart.withDefaults(), RenderedChart.withProductionValues()}) {
            assertEquals("0.0.0.0", chart.environmentConfigMap().get("MICRONAUT_SERVER_HOST"));
        }
    }
}
