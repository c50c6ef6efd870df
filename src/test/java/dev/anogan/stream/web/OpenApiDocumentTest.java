package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.testing.Api;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The service serves the OpenAPI document of its REST API, and the document lists every endpoint. */
class OpenApiDocumentTest {

    private static final Set<String> API_PATHS = Set.of("/api/scores", "/api/alerts",
            "/api/alerts/{patchId}/{image}.png", "/api/stats", "/api/model", "/api/score", "/api/images",
            "/api/images/{imageId}/{picture}.png");

    @Test
    void theServedDocumentListsEveryApiPath() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1))) {
            HttpResponse<byte[]> response = new Api(server.getURL()).get(ApiDocumentation.PATH);
            assertEquals(200, response.statusCode());
            Map<String, Object> document = new Yaml().load(new String(response.body()));
            @SuppressWarnings("unchecked")
            Map<String, Object> paths = (Map<String, Object>) document.get("paths");
            Set<String> apiPaths = new TreeSet<>(paths.keySet());
            apiPaths.removeIf(p -> !p.startsWith("/api/"));
            assertEquals(new TreeSet<>(API_PATHS), apiPaths);
        }
    }
}
