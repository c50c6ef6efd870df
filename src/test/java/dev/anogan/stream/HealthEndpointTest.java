package dev.anogan.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.testing.Api;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service answers the health, liveness and readiness probes and the metrics scrape over HTTP (the Helm chart's). */
class HealthEndpointTest {

    @Test
    void healthLivenessReadinessAndPrometheusAnswer() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1))) {
            Api api = new Api(server.getURL());
            for (String path : new String[] {"/health", "/health/liveness", "/health/readiness"}) {
                String body = new String(api.getOk(path), StandardCharsets.UTF_8);
                assertTrue(body.contains("\"UP\""), path + ": " + body);
            }
            String metrics = new String(api.getOk("/prometheus"), StandardCharsets.UTF_8);
            assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics);
        }
    }
}
