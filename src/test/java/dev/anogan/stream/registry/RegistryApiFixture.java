package dev.anogan.stream.registry;

import org.junit.jupiter.api.AfterEach;

/** A free-port in-memory registry for each test, the calls to its REST API, and its close after the test. */
abstract class RegistryApiFixture {

    protected final InMemorySchemaRegistry registry = TestRegistries.startInMemory();
    protected final RegistryCalls calls = new RegistryCalls(registry.url());

    @AfterEach
    void stop() {
        registry.close();
    }
}
