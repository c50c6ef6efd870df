package dev.anogan.stream.web;

import dev.anogan.stream.testing.Api;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One embedded server on a free port (default configuration, no Kafka) for a whole test class, and an API client of
 * it. Test classes run one at a time, each starting its own server before its tests and closing it after.
 */
abstract class ServerPerClassFixture {

    protected static EmbeddedServer server;
    protected static Api api;

    @BeforeAll
    static void startServer() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1));
        api = new Api(server.getURL());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
