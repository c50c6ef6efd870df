package dev.anogan.stream.registry;

import java.net.URI;
import java.time.Duration;

/** Registry set-ups for tests: local, fast back-off. */
public final class TestRegistries {

    /** A free-port in-memory registry on the loopback interface. */
    public static InMemorySchemaRegistry startInMemory() {
        return InMemorySchemaRegistry.start("127.0.0.1", 0);
    }

    /** A client configuration for the registry at {@code url}: {@code attempts} attempts, 1 ms back-off. */
    public static RegistryConfiguration config(String url, int attempts) {
        RegistryConfiguration config = new RegistryConfiguration();
        config.setUrl(URI.create(url));
        config.setMaxAttempts(attempts);
        config.setInitialBackoff(Duration.ofMillis(1));
        config.setRequestTimeout(Duration.ofSeconds(5));
        return config;
    }

    /** A client of {@code registry} over its HTTP API. */
    public static RegistryClient clientOf(InMemorySchemaRegistry registry) {
        return new RegistryClient(config(registry.url(), 2));
    }

    private TestRegistries() {
    }
}
