package dev.anogan.stream.web;

import dev.anogan.stream.embedded.EmbeddedConfiguration;
import dev.anogan.stream.kafka.StreamsConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * In the embedded default (no bootstrap servers, embedded cluster on) the HTTP server binds 127.0.0.1, like the
 * embedded broker and registry: the demo is a local tool and its API has no authentication. An explicit
 * {@code micronaut.server.host} (e.g. {@code 0.0.0.0}) wins; with a real cluster Micronaut's own default, every
 * interface, applies (the chart sets {@code 0.0.0.0} explicitly).
 */
@Singleton
@Requires(missingProperty = StreamsConfiguration.BOOTSTRAP_SERVERS)
@Requires(property = EmbeddedConfiguration.ENABLED, notEquals = "false")
@Requires(missingProperty = EmbeddedDefaultBindsLoopback.HOST)
final class EmbeddedDefaultBindsLoopback implements BeanCreatedEventListener<HttpServerConfiguration> {

    static final String HOST = "micronaut.server.host";
    static final String LOOPBACK = "127.0.0.1";

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration config = event.getBean();
        config.setHost(LOOPBACK);
        return config;
    }
}
