package dev.anogan.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service answers the health, liveness and readiness probes and the metrics scrape over HTTP (the Helm chart's). */
class HealthEndpointTest {

    @Test
    void healthLivenessReadinessAndPrometheusAnswer() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1))) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/health", "/health/liveness", "/health/readiness"}) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), path + ": " + response.body());
                assertTrue(response.body().contains("\"UP\""), path + ": " + response.body());
            }
            HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), metrics.body());
        }
    }
}
