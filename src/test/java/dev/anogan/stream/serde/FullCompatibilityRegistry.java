package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.registry.CompatibilityLevel;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.RegistryServerSettings;
import dev.anogan.stream.registry.TestRegistries;
import org.apache.avro.Schema;

/** An embedded registry at the FULL level (the embedded default's) with a client, for schema-evolution tests. */
final class FullCompatibilityRegistry implements AutoCloseable {

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.start(
            RegistryServerSettings.on("127.0.0.1", 0).withDefaultCompatibility(CompatibilityLevel.FULL));
    private final RegistryClient client = TestRegistries.clientOf(registry);

    RegistryClient client() {
        return client;
    }

    /** Registers {@code current} without {@code field}, then checks and registers {@code current} after it. */
    void assertCompatibleAfter(Schema current, String field) {
        String subject = SubjectNames.valueSubject(current.getName());
        client.register(subject, EarlierSchemas.without(current, field));
        assertTrue(client.isCompatible(subject, current), current.getName());
        client.register(subject, current);
        assertEquals(2, client.latest(subject).version());
    }

    @Override
    public void close() {
        registry.close();
    }
}
