package dev.anogan.stream.scoring;

import ai.onnxruntime.OrtEnvironment;
import dev.anogan.stream.batching.BatchingConfiguration;
import dev.anogan.stream.model.ModelBundle;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

/** The configured method's {@link Scorer} and the batcher shared by all its callers. */
@Factory
public class ScoringFactory {

    @Singleton
    Scorer scorer(OrtEnvironment environment, ModelBundle bundle, ScoringConfiguration config) {
        try {
            return new ScorerFactory(environment, bundle).create(config);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ScoringConfiguration.PREFIX + ": " + e.getMessage(), e);
        }
    }

    @Singleton
    @Bean(preDestroy = "close")
    ScoringBatcher scoringBatcher(Scorer scorer, BatchingConfiguration config, ScoringConfiguration scoring,
                                  MeterRegistry registry) {
        return new ScoringBatcher(scorer, config.settings(scorer.method().name()), config.getWorkers(),
                new ScoringMetrics(registry, scorer.method().name(), scorer.calibration()),
                scoring.isAnomalyMapsInScores() ? ImageSelection.ALL : ImageSelection.ANOMALOUS);
    }
}
