package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.registry.StubRegistryServer.Answer;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Retries with back-off on connection errors, 429 and 5xx; none on other 4xx. */
class RegistryClientRetryTest {

    private static final String SCHEMA_BODY = "{\"schema\":\"\\\"string\\\"\"}";
    private static final Answer UNAVAILABLE = new Answer(503,
            "{\"error_code\":50301,\"message\":\"Registry is warming up\"}");
    private static final Answer OK = new Answer(200, SCHEMA_BODY);

    @Test
    void succeedsOnTheThirdAttemptAfterTwo503s() throws IOException {
        try (StubRegistryServer stub = new StubRegistryServer(UNAVAILABLE, UNAVAILABLE, OK)) {
            RegistryClient client = new RegistryClient(TestRegistries.config(stub.url(), 4));

            assertEquals("\"string\"", client.schemaById(1).toString());
            assertEquals(3, stub.received().size());
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastRefusal() throws IOException {
        try (StubRegistryServer stub = new StubRegistryServer(UNAVAILABLE)) {
            RegistryClient client = new RegistryClient(TestRegistries.config(stub.url(), 3));

            RegistryException e = assertThrows(RegistryException.class, () -> client.schemaById(1));

            assertEquals(3, stub.received().size());
            assertEquals(503, e.status());
            assertEquals(50301, e.errorCode());
            assertEquals("Schema registry " + stub.url() + "/schemas/ids/1 answered HTTP 503, error code 50301:"
                    + " Registry is warming up (gave up after 3 attempts)", e.getMessage());
        }
    }

    @Test
    void retriesTooManyRequests() throws IOException {
        try (StubRegistryServer stub = new StubRegistryServer(new Answer(429, "{}"), OK)) {
            new RegistryClient(TestRegistries.config(stub.url(), 4)).schemaById(1);

            assertEquals(2, stub.received().size());
        }
    }

    @Test
    void doesNotRetryAClientError() throws IOException {
        try (StubRegistryServer stub = new StubRegistryServer(
                new Answer(404, "{\"error_code\":40403,\"message\":\"Schema 1 not found\"}"), OK)) {
            RegistryClient client = new RegistryClient(TestRegistries.config(stub.url(), 4));

            RegistryException e = assertThrows(RegistryException.class, () -> client.schemaById(1));

            assertEquals(1, stub.received().size());
            assertTrue(e.isSchemaNotFound());
        }
    }

    @Test
    void anErrorBodyThatIsNotJsonKeepsTheStatusAsErrorCode() throws IOException {
        try (StubRegistryServer stub = new StubRegistryServer(new Answer(502, "<html>Bad Gateway</html>"))) {
            RegistryClient client = new RegistryClient(TestRegistries.config(stub.url(), 1));

            RegistryException e = assertThrows(RegistryException.class, () -> client.schemaById(1));

            assertEquals(502, e.errorCode());
            assertEquals("<html>Bad Gateway</html>", e.errorMessage());
        }
    }

    @Test
    void anUnreachableRegistryIsRetriedThenReportedAsNoResponse() {
        InMemorySchemaRegistry gone = TestRegistries.startInMemory();
        gone.close();
        RegistryClient client = new RegistryClient(TestRegistries.config(gone.url(), 3));

        RegistryException e = assertThrows(RegistryException.class, () -> client.schemaById(1));

        assertEquals(RegistryException.NO_RESPONSE, e.status());
        assertInstanceOf(ConnectException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("Schema registry " + gone.url() + "/schemas/ids/1 did not answer: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(gave up after 3 attempts)"), e.getMessage());
    }
}
