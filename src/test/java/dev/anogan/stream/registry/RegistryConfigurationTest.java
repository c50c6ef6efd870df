package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anogan.registry.*}: binding, defaults, validation, and the client built from it. */
class RegistryConfigurationTest {

    @Test
    void propertiesBindAndTheRestKeepTheirDefaults() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "anogan.registry.url", "https://registry:8081",
                "anogan.registry.basic-auth-user-info", "alice:s3cret",
                "anogan.registry.initial-backoff", "250ms"))) {
            RegistryConfiguration config = ctx.getBean(RegistryConfiguration.class);

            assertEquals(Optional.of(URI.create("https://registry:8081")), config.getUrl());
            assertEquals(Optional.of("alice:s3cret"), config.getBasicAuthUserInfo());
            assertEquals(Duration.ofMillis(250), config.getInitialBackoff());
            assertEquals(4, config.getMaxAttempts());
            assertEquals(Duration.ofSeconds(10), config.getRequestTimeout());
            assertEquals("PKCS12", config.getTruststoreType());
            assertEquals(Optional.empty(), config.getBearerToken());
        }
    }

    @Test
    void fewerThanOneAttemptStopsStartUpNamingTheKey() {
        Exception e = assertThrows(Exception.class, () -> {
            try (ApplicationContext ctx = ApplicationContext.run(Map.of("anogan.registry.max-attempts", "0"))) {
                ctx.getBean(RegistryConfiguration.class);
            }
        });

        assertTrue(e.getMessage().contains("RegistryConfiguration.maxAttempts - must be greater than or equal to 1"),
                e.getMessage());
    }

    @Test
    void aClientNeedsAUrl() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new RegistryClient(new RegistryConfiguration()));

        assertEquals("anogan.registry.url is not set", e.getMessage());
    }

    @Test
    void aConfiguredTruststoreIsLoaded(@TempDir Path dir) throws Exception {
        Path truststore = dir.resolve("truststore.p12");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (OutputStream out = Files.newOutputStream(truststore)) {
            empty.store(out, "changeit".toCharArray());
        }
        RegistryConfiguration config = TestRegistries.config("https://registry:8081", 1);
        config.setTruststorePath(truststore.toString());
        config.setTruststorePassword("changeit");

        new RegistryClient(config);
    }

    @Test
    void aMissingTruststoreIsAConfigurationErrorNamingIt() {
        RegistryConfiguration config = TestRegistries.config("https://registry:8081", 1);
        config.setTruststorePath("/no/such/truststore.p12");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new RegistryClient(config));

        assertTrue(e.getMessage().startsWith("anogan.registry.truststore-path: Cannot use truststore"
                + " /no/such/truststore.p12 (type PKCS12)"), e.getMessage());
    }
}
