package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.testing.Api;
import dev.anogan.stream.testing.FashionMnist;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/score is bounded: a body over micronaut.server.max-request-size is refused with 413, and requests
 * beyond anogan.web.score.max-concurrent in progress are answered 503 with Retry-After at once.
 */
class ScoringRequestLimitsTest {

    private static final byte[] TROUSER = Pngs.gray(FashionMnist.test().patch(2));

    private static EmbeddedServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "anogan.web.score.max-concurrent", 1, "anogan.web.score.retry-after", "2s"));
        api = new Api(server.getURL());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBodyOverTheRequestSizeLimitIsRefusedWith413() {
        for (String type : new String[] {"image/png", "application/octet-stream"}) {
            HttpResponse<byte[]> response = api.post("/api/score", type, new byte[2 << 20]);
            assertEquals(413, response.statusCode(), type + ": " + new String(response.body()));
            String message = Api.json(response).get("message").asText();
            assertTrue(message.contains("1048576") && message.contains("micronaut.server.max-request-size"),
                    message);
        }
    }

    @Test
    void aRequestOverTheConcurrencyCapIsAnswered503WithRetryAfterAndTheNextOneIsScored() {
        ScorePermits permits = server.getApplicationContext().getBean(ScorePermits.class);
        HttpResponse<byte[]> busy;
        try (ScorePermits.Permit held = permits.acquire()) {
            busy = api.post("/api/score", "image/png", TROUSER);
        }
        assertEquals(503, busy.statusCode(), new String(busy.body()));
        assertEquals("2", busy.headers().firstValue("Retry-After").orElse(null));
        String message = Api.json(busy).get("message").asText();
        assertTrue(message.contains("anogan.web.score.max-concurrent"), message);

        Api.ok(api.post("/api/score", "image/png", TROUSER));
        assertEquals(400, api.post("/api/score", "image/png", "GIF89a".getBytes()).statusCode());
        HttpResponse<byte[]> raw = api.post("/api/score", "application/octet-stream", new byte[28 * 28]);
        assertEquals(200, raw.statusCode(), "every request returns its permit, refused ones too: " + new String(raw.body()));
    }
}
