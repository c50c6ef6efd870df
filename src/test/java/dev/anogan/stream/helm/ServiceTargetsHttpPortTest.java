package dev.anogan.stream.helm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.anogan.stream.helm.RenderedChart.list;
import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Service forwards its port http to the container port named http (8080) of the chart's pods. */
class ServiceTargetsHttpPortTest {

    @Test
    void theServiceTargetsTheContainerPortHttpAndSelectsThePods() {
        RenderedChart chart = RenderedChart.withDefaults();
        Map<String, Object> spec = map(chart.get("Service", "anogan-stream"), "spec");
        List<Map<String, Object>> ports = list(spec, "ports");
        assertEquals(1, ports.size());
        assertEquals("http", ports.get(0).get("name"));
        assertEquals("http", ports.get(0).get("targetPort"));
        assertEquals(8080, ports.get(0).get("port"));
        Map<String, Object> podMetadata = map(map(map(chart.deployment(), "spec"), "template"), "metadata");
        assertEquals(spec.get("selector"), map(map(chart.deployment(), "spec"), "selector").get("matchLabels"));
        assertTrue(map(podMetadata, "labels").entrySet().containsAll(map(spec, "selector").entrySet()),
                "the Service selects the Deployment's pods");
    }
}
