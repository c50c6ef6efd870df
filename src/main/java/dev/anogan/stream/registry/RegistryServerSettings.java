package dev.anogan.stream.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * How to start an {@link InMemorySchemaRegistry}.
 *
 * @param host                      the interface to serve HTTP on
 * @param port                      the port; 0 for any free one
 * @param requiredBasicAuthUserInfo {@code user:password} that requests must send with basic auth (401
 *                                  otherwise); empty: no authentication
 * @param defaultCompatibility      the level of subjects without one of their own until {@code PUT /config} sets
 *                                  another (Confluent's {@code schema.compatibility.level})
 * @param kafkaBootstrapServers     a Kafka cluster whose compacted {@code _schemas} topic keeps every change, so
 *                                  that a restart finds the schemas, ids and levels of the runs before; empty: the
 *                                  registry forgets everything on close
 */
public record RegistryServerSettings(String host, int port, Optional<String> requiredBasicAuthUserInfo,
                                     CompatibilityLevel defaultCompatibility, Optional<String> kafkaBootstrapServers) {

    public RegistryServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(requiredBasicAuthUserInfo, "requiredBasicAuthUserInfo");
        Objects.requireNonNull(defaultCompatibility, "defaultCompatibility");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    }

    /** A registry on {@code host:port}, open to all, BACKWARD by default (as Confluent's), in memory only. */
    public static RegistryServerSettings on(String host, int port) {
        return new RegistryServerSettings(host, port, Optional.empty(), CompatibilityLevel.BACKWARD, Optional.empty());
    }

    public RegistryServerSettings withBasicAuth(String userInfo) {
        return new RegistryServerSettings(host, port, Optional.of(userInfo), defaultCompatibility,
                kafkaBootstrapServers);
    }

    public RegistryServerSettings withDefaultCompatibility(CompatibilityLevel level) {
        return new RegistryServerSettings(host, port, requiredBasicAuthUserInfo, level, kafkaBootstrapServers);
    }

    /** These settings, keeping the registry's changes in the {@code _schemas} topic of {@code bootstrapServers}. */
    public RegistryServerSettings persistedIn(String bootstrapServers) {
        return new RegistryServerSettings(host, port, requiredBasicAuthUserInfo, defaultCompatibility,
                Optional.of(bootstrapServers));
    }
}
