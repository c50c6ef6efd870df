package dev.anogan.stream.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code helm lint --strict} accepts the chart with its default values (informational notes only). Lint renders in
 * Helm's lint mode, where the chart's {@code fail} on a missing streams.bootstrapServers does not apply; rendering
 * does ({@link ChartRefusesToRenderWithoutKafkaTest}).
 */
class ChartLintTest {

    @Test
    void helmLintPassesWithoutErrorsOrWarnings() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
        assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]")),
                () -> "helm lint reported: " + result.getMessages());
    }
}
