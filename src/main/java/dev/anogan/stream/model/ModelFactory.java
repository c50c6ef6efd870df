package dev.anogan.stream.model;

import ai.onnxruntime.OrtEnvironment;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The ONNX Runtime environment and the loaded bundle; the bundle's sessions close when the context stops. */
@Factory
public class ModelFactory {

    /** The process-wide ONNX Runtime environment (ONNX Runtime keeps one per process; it is never closed here). */
    @Singleton
    OrtEnvironment ortEnvironment() {
        return OrtEnvironment.getEnvironment();
    }

    /** Loads and verifies the configured bundle; a bad bundle stops start-up with a {@link BundleException}. */
    @Singleton
    @Bean(preDestroy = "close")
    ModelBundle modelBundle(OrtEnvironment environment, ModelConfiguration config) {
        return new BundleLoader(environment, SessionSettings.of(config)).load(config.getBundle());
    }
}
