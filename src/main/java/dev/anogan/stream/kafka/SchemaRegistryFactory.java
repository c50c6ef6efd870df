package dev.anogan.stream.kafka;

import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.RegistryConfiguration;
import dev.anogan.stream.registry.SchemaRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The registry client of the configured {@code anogan.registry.url}; it holds nothing to close. */
@Factory
public class SchemaRegistryFactory {

    @Singleton
    @Requires(property = RegistryConfiguration.PREFIX + ".url")
    SchemaRegistry schemaRegistry(RegistryConfiguration config) {
        return new RegistryClient(config);
    }
}
