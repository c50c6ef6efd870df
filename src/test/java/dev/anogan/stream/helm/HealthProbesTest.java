package dev.anogan.stream.helm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static dev.anogan.stream.helm.RenderedChart.list;
import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The probes ask Micronaut's health endpoints on the container port http, which is 8080 (micronaut.server.port). */
class HealthProbesTest {

    static Stream<RenderedChart> renders() {
        return Stream.of(RenderedChart.withDefaults(), RenderedChart.withProductionValues());
    }

    @ParameterizedTest
    @MethodSource("renders")
    void theContainerPortHttpIs8080(RenderedChart chart) {
        Map<String, Object> port = list(chart.container(), "ports").stream()
                .filter(p -> "http".equals(p.get("name"))).findFirst().orElseThrow();
        assertEquals(8080, port.get("containerPort"));
        assertEquals("TCP", port.get("protocol"));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void livenessAskHealthLivenessOnHttp(RenderedChart chart) {
        assertProbe(chart, "livenessProbe", "/health/liveness");
    }

    @ParameterizedTest
    @MethodSource("renders")
    void readinessAsksHealthReadinessOnHttp(RenderedChart chart) {
        assertProbe(chart, "readinessProbe", "/health/readiness");
    }

    @ParameterizedTest
    @MethodSource("renders")
    void startupWaitsForTheModelOnHealthLiveness(RenderedChart chart) {
        assertProbe(chart, "startupProbe", "/health/liveness");
    }

    private static void assertProbe(RenderedChart chart, String probe, String path) {
        Map<String, Object> get = map(map(chart.container(), probe), "httpGet");
        assertEquals(path, get.get("path"));
        assertEquals("http", get.get("port"));
    }
}
