package dev.anogan.stream.topology;

import dev.anogan.stream.batching.BatchingConfiguration;
import dev.anogan.stream.kafka.StreamsConfiguration;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.scoring.ScoringBatcher;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;

/**
 * Starts the scoring streams application with the context when {@code anogan.streams.bootstrap-servers} is set,
 * and closes it on shutdown, before the batcher and the model it uses.
 */
@Factory
@Requires(property = StreamsConfiguration.BOOTSTRAP_SERVERS)
public class StreamsFactory {

    @Context
    @Bean(preDestroy = "close")
    ScoringStreams scoringStreams(StreamsConfiguration streams, TopicsConfiguration topics,
                                  BatchingConfiguration batching, SchemaRegistry registry, ModelBundle bundle,
                                  Scorer scorer, ScoringBatcher batcher) {
        BatchPolicy policy = new BatchPolicy(streams.batchSizeOr(batching.getMaxBatchSize()), streams.getMaxBatchWait());
        return ScoringStreams.start(ScoringTopology.build(topics, registry, bundle.manifest().model(), scorer.mapper(),
                batcher, policy), streams.streamsProperties());
    }
}
