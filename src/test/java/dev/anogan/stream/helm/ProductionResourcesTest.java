package dev.anogan.stream.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.anogan.stream.helm.RenderedChart.list;
import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Autoscaling, the ServiceMonitor and the disruption budget; the standard labels on everything. */
class ProductionResourcesTest {

    static Stream<RenderedChart> renders() {
        return Stream.of(RenderedChart.withDefaults(), RenderedChart.withProductionValues());
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everyResourceCarriesTheStandardLabels(RenderedChart chart) {
        for (Map<String, Object> document : chart.documents()) {
            Map<String, Object> labels = map(map(document, "metadata"), "labels");
            for (String label : List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
                    "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "helm.sh/chart")) {
                assertTrue(labels.containsKey(label), () -> document.get("kind") + " lacks " + label);
            }
            assertEquals("anogan-stream-0.1.0", labels.get("helm.sh/chart"));
        }
    }

    @Test
    void defaultsHaveFixedReplicasAPdbAndNoHpaOrServiceMonitor() {
        RenderedChart chart = RenderedChart.withDefaults();
        assertEquals(1, map(chart.deployment(), "spec").get("replicas"));
        assertTrue(chart.find("HorizontalPodAutoscaler", "").isEmpty());
        assertTrue(chart.find("ServiceMonitor", "").isEmpty());
        assertEquals(1, map(chart.get("PodDisruptionBudget", "anogan-stream"), "spec").get("maxUnavailable"));
        assertTrue(chart.find("ServiceAccount", "anogan-stream").isPresent());
    }

    @Test
    void autoscalingHandsTheReplicasToAnAutoscalingV2Hpa() {
        RenderedChart chart = RenderedChart.withProductionValues();
        assertNull(map(chart.deployment(), "spec").get("replicas"));
        Map<String, Object> hpa = chart.get("HorizontalPodAutoscaler", "anogan-stream");
        assertEquals("autoscaling/v2", hpa.get("apiVersion"));
        Map<String, Object> spec = map(hpa, "spec");
        assertEquals(2, spec.get("minReplicas"));
        assertEquals(6, spec.get("maxReplicas"));
        assertEquals("scanner-anogan-stream", map(spec, "scaleTargetRef").get("name"));
        assertFalse(list(spec, "metrics").isEmpty());
    }

    @Test
    void theServiceMonitorScrapesPrometheusOnHttp() {
        Map<String, Object> monitor = RenderedChart.withProductionValues().get("ServiceMonitor", "anogan-stream");
        assertEquals("monitoring.coreos.com/v1", monitor.get("apiVersion"));
        assertEquals("kube-prometheus-stack", map(map(monitor, "metadata"), "labels").get("release"));
        Map<String, Object> endpoint = list(map(monitor, "spec"), "endpoints").get(0);
        assertEquals("http", endpoint.get("port"));
        assertEquals("/prometheus", endpoint.get("path"));
    }

    @Test
    void aBundleOnAClaimIsMountedReadOnly() {
        RenderedChart chart = RenderedChart.withProductionValues();
        Map<String, Object> volume = list(chart.podSpec(), "volumes").stream()
                .filter(v -> "model".equals(v.get("name"))).findFirst().orElseThrow();
        assertEquals("anogan-models", map(volume, "persistentVolumeClaim").get("claimName"));
        Map<String, Object> mount = list(chart.container(), "volumeMounts").stream()
                .filter(m -> "model".equals(m.get("name"))).findFirst().orElseThrow();
        assertEquals("/models", mount.get("mountPath"));
        assertEquals(Boolean.TRUE, mount.get("readOnly"));
    }
}
