package dev.anogan.stream.helm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.anogan.stream.helm.RenderedChart.list;
import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Non-root, read-only root filesystem, no capabilities, seccomp; writable emptyDirs where the service writes. */
class SecureDefaultsTest {

    static Stream<RenderedChart> renders() {
        return Stream.of(RenderedChart.withDefaults(), RenderedChart.withProductionValues());
    }

    @ParameterizedTest
    @MethodSource("renders")
    void theContainerRunsLockedDown(RenderedChart chart) {
        Map<String, Object> context = map(chart.container(), "securityContext");
        assertEquals(Boolean.TRUE, context.get("runAsNonRoot"));
        assertEquals(Boolean.TRUE, context.get("readOnlyRootFilesystem"));
        assertEquals(Boolean.FALSE, context.get("allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), map(context, "capabilities").get("drop"));
        assertEquals("RuntimeDefault", map(context, "seccompProfile").get("type"));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void thePodRunsAsNonRootWithRuntimeDefaultSeccomp(RenderedChart chart) {
        Map<String, Object> context = map(chart.podSpec(), "securityContext");
        assertEquals(Boolean.TRUE, context.get("runAsNonRoot"));
        assertEquals(10001, context.get("runAsUser"));
        assertEquals("RuntimeDefault", map(context, "seccompProfile").get("type"));
        assertEquals(Boolean.FALSE, chart.podSpec().get("automountServiceAccountToken"));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void tmpAndTheStreamsStateDirAreWritableEmptyDirs(RenderedChart chart) {
        Map<String, String> mounts = list(chart.container(), "volumeMounts").stream()
                .collect(Collectors.toMap(m -> String.valueOf(m.get("mountPath")), m -> String.valueOf(m.get("name"))));
        Map<String, Map<String, Object>> volumes = list(chart.podSpec(), "volumes").stream()
                .collect(Collectors.toMap(v -> String.valueOf(v.get("name")), v -> v));

        String stateDir = String.valueOf(chart.environmentConfigMap().get("ANOGAN_STREAMS_STATE_DIR"));
        for (String path : List.of("/tmp", stateDir)) {
            String volume = mounts.get(path);
            assertNotNull(volume, () -> "nothing mounted at " + path);
            assertNotNull(volumes.get(volume).get("emptyDir"), () -> path + " is not an emptyDir");
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void resourcesAreLeftToTheUserExceptTheGpu(RenderedChart chart) {
        Object resources = chart.container().get("resources");
        assertNotNull(resources);
        if (chart == RenderedChart.withDefaults()) {
            assertTrue(((Map<?, ?>) resources).isEmpty(), "no default requests or limits");
        }
    }
}
