package dev.anogan.stream.embedded;

import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.kafka.StreamsConfiguration;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.RegistryConfiguration;
import dev.anogan.stream.registry.SchemaRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * The embedded default: without {@code anogan.streams.bootstrap-servers}, the service brings its own Kafka broker
 * and schema registry (unless {@code anogan.embedded.enabled=false}), and talks to them like to any other: through
 * the registry's REST API and Kafka's protocol.
 */
@Factory
@Requires(missingProperty = StreamsConfiguration.BOOTSTRAP_SERVERS)
@Requires(property = EmbeddedConfiguration.ENABLED, notEquals = "false")
public class EmbeddedFactory {

    @Context
    @Bean(preDestroy = "close")
    EmbeddedCluster embeddedCluster(EmbeddedConfiguration config, TopicsConfiguration topics) {
        return EmbeddedCluster.start(config, topics);
    }

    @Singleton
    KafkaEndpoints embeddedEndpoints(EmbeddedCluster cluster) {
        return cluster.endpoints();
    }

    /** A client of the embedded registry, unless {@code anogan.registry.url} names another. */
    @Singleton
    @Requires(missingProperty = RegistryConfiguration.PREFIX + ".url")
    SchemaRegistry embeddedRegistryClient(EmbeddedCluster cluster) {
        RegistryConfiguration config = new RegistryConfiguration();
        config.setUrl(URI.create(cluster.registryUrl()));
        return new RegistryClient(config);
    }
}
