package dev.anogan.stream.scoring;

import dev.anogan.stream.model.Manifest;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.model.ModelConfiguration;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health/readiness}: which model scores, and with what. The bundle is verified at start-up (a bad one
 * stops the service), so once this exists the model is up.
 */
@Singleton
@Readiness
class ModelHealthIndicator implements HealthIndicator {

    private final Map<String, Object> details;

    ModelHealthIndicator(ModelBundle bundle, Scorer scorer, ModelConfiguration config) {
        Manifest manifest = bundle.manifest();
        this.details = Map.of("name", manifest.model().name(), "version", manifest.model().version(),
                "method", scorer.method().name(), "device", config.getDevice().toString());
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("model", HealthStatus.UP).details(details).build());
    }
}
