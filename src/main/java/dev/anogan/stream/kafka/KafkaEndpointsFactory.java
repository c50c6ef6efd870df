package dev.anogan.stream.kafka;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The configured cluster, when {@code anogan.streams.bootstrap-servers} is set (else the embedded one, if enabled). */
@Factory
public class KafkaEndpointsFactory {

    @Singleton
    @Requires(property = StreamsConfiguration.BOOTSTRAP_SERVERS)
    KafkaEndpoints configuredCluster(StreamsConfiguration streams) {
        return new KafkaEndpoints(streams.getBootstrapServers().orElseThrow(), streams.getProperties());
    }
}
