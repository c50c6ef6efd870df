package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.registry.StubRegistryServer.Answer;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Basic auth and bearer tokens on every request. */
class RegistryClientAuthTest {

    private static final Answer OK = new Answer(200, "{\"schema\":\"\\\"string\\\"\"}");

    @Test
    void aRegistryRequiringBasicAuthAcceptsTheConfiguredUserInfo() {
        try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start("127.0.0.1", 0,
                Optional.of("alice:s3cret"))) {
            RegistryConfiguration config = TestRegistries.config(registry.url(), 1);
            config.setBasicAuthUserInfo("alice:s3cret");

            int id = new RegistryClient(config).register("readings-value", RegistryClientTest.READING);

            assertEquals(RegistryClientTest.READING, registry.schemaById(id));
        }
    }

    @Test
    void wrongOrMissingCredentialsAreRefusedWith401() {
        try (InMemorySchemaRegistry registry = InMemorySchemaRegistry.start("127.0.0.1", 0,
                Optional.of("alice:s3cret"))) {
            RegistryConfiguration wrong = TestRegistries.config(registry.url(), 3);
            wrong.setBasicAuthUserInfo("alice:guess");
            RegistryConfiguration none = TestRegistries.config(registry.url(), 3);

            for (RegistryConfiguration config : new RegistryConfiguration[] {wrong, none}) {
                RegistryException e = assertThrows(RegistryException.class,
                        () -> new RegistryClient(config).latest("readings-value"));
                assertEquals(401, e.status());
                assertTrue(e.getMessage().contains("answered HTTP 401, error code 401: Unauthorized"),
                        e.getMessage());
            }
            assertEquals(2, registry.requestCount());
        }
    }

    @Test
    void basicAuthSendsTheUserInfoInBase64() throws IOException {
        try (StubRegistryServer stub = new StubRegistryServer(OK)) {
            RegistryConfiguration config = TestRegistries.config(stub.url(), 1);
            config.setBasicAuthUserInfo("alice:s3cret");

            new RegistryClient(config).schemaById(1);

            assertEquals("Basic YWxpY2U6czNjcmV0", stub.received().get(0).authorization());
        }
    }

    @Test
    void aBearerTokenIsSentAsBearerAuthorization() throws IOException {
        try (StubRegistryServer stub = new StubRegistryServer(OK)) {
            RegistryConfiguration config = TestRegistries.config(stub.url(), 1);
            config.setBearerToken("eyJ0b2tlbiJ9");

            new RegistryClient(config).schemaById(1);

            assertEquals("Bearer eyJ0b2tlbiJ9", stub.received().get(0).authorization());
        }
    }

    @Test
    void withoutCredentialsNoAuthorizationIsSent() throws IOException {
        try (StubRegistryServer stub = new StubRegistryServer(OK)) {
            new RegistryClient(TestRegistries.config(stub.url(), 1)).schemaById(1);

            assertNull(stub.received().get(0).authorization());
        }
    }

    @Test
    void basicAuthAndABearerTokenTogetherAreRefused() {
        RegistryConfiguration config = TestRegistries.config("http://127.0.0.1:1", 1);
        config.setBasicAuthUserInfo("alice:s3cret");
        config.setBearerToken("eyJ0b2tlbiJ9");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new RegistryClient(config));

        assertTrue(e.getMessage().contains("anogan.registry: set basic-auth-user-info or bearer-token, not both"));
    }
}
