package dev.anogan.stream.helm;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The service's configuration keys (README's configuration tables) and their environment-variable form under
 * Micronaut's relaxed binding: dots and dashes become underscores, upper case.
 */
final class ServiceConfigurationKeys {

    static final List<String> KEYS = List.of(
            "anogan.model.bundle", "anogan.model.device", "anogan.model.cuda-device-id",
            "anogan.model.intra-op-threads", "anogan.model.optimization",
            "anogan.scoring.method", "anogan.scoring.steps", "anogan.scoring.seed",
            "anogan.batching.max-batch-size", "anogan.batching.max-queue-delay",
            "anogan.batching.preferred-batch-sizes", "anogan.batching.queue-capacity", "anogan.batching.workers",
            "anogan.streams.bootstrap-servers", "anogan.streams.application-id",
            "anogan.streams.processing-guarantee", "anogan.streams.max-batch-size", "anogan.streams.max-batch-wait",
            "anogan.streams.num-stream-threads", "anogan.streams.state-dir", "anogan.streams.instance-id",
            "anogan.streams.session-timeout", "anogan.streams.max-batch-time", "anogan.streams.progress-timeout",
            "anogan.streams.max-metadata-bytes",
            "anogan.topics.patches", "anogan.topics.scores", "anogan.topics.alerts", "anogan.topics.dead-letters",
            "anogan.topics.image-verdicts",
            "anogan.images.enabled", "anogan.images.timeout", "anogan.images.max-open-images",
            "anogan.images.max-map-side", "anogan.images.closed-retention", "anogan.images.check-interval",
            "anogan.registry.url", "anogan.registry.basic-auth-user-info", "anogan.registry.bearer-token",
            "anogan.registry.truststore-path", "anogan.registry.truststore-password",
            "anogan.registry.truststore-type", "anogan.registry.max-attempts", "anogan.registry.initial-backoff",
            "anogan.registry.request-timeout",
            "anogan.embedded.enabled", "anogan.embedded.data-dir", "anogan.embedded.kafka-port",
            "anogan.embedded.registry-port", "anogan.embedded.partitions",
            "anogan.demo.enabled", "anogan.demo.rate", "anogan.demo.anomaly-fraction", "anogan.demo.images",
            "anogan.demo.labels", "anogan.demo.normal-classes", "anogan.demo.label-names", "anogan.demo.seed",
            "anogan.demo.images-folder", "anogan.demo.image-rate", "anogan.demo.image-stride", "anogan.demo.patches",
            "anogan.web.score.max-concurrent", "anogan.web.score.retry-after",
            "micronaut.server.host", "micronaut.server.port", "micronaut.server.max-request-size");

    /** Environment variables that are not service keys but that the chart may set, and why. */
    static final Set<String> OTHER_ENV = Set.of(
            "JDK_JAVA_OPTIONS",            // JVM options read by the java launcher
            "MICRONAUT_CONFIG_FILES",      // the mounted config file with anogan.streams.properties.*
            "KAFKA_SASL_JAAS_CONFIG",      // ${...} placeholder of that file, from a Secret
            "KAFKA_SSL_TRUSTSTORE_PASSWORD");

    static final Set<String> ENV_NAMES = KEYS.stream().map(ServiceConfigurationKeys::envName)
            .collect(Collectors.toUnmodifiableSet());

    private ServiceConfigurationKeys() {
    }

    static String envName(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
