package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.testing.Api;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a Kafka cluster there is no feed: its endpoints answer 503 and say why, the rest of the API works. */
class FeedWithoutKafkaTest {

    @Test
    void feedEndpointsAnswer503SayingWhatToConfigure() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1))) {
            assertFalse(server.getApplicationContext().containsBean(ScoreFeed.class));
            Api api = new Api(server.getURL());
            for (String path : List.of("/api/scores", "/api/alerts", "/api/stats", "/api/alerts/p-1/map.png")) {
                HttpResponse<byte[]> response = api.get(path);
                assertEquals(503, response.statusCode(), path);
                String message = Api.json(response).get("message").asText();
                assertTrue(message.contains("anogan.streams.bootstrap-servers"), path + ": " + message);
            }
        }
    }
}
