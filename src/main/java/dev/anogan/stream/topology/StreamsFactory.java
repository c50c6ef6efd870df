package dev.anogan.stream.topology;

import dev.anogan.stream.batching.BatchingConfiguration;
import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.kafka.StreamsConfiguration;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.scoring.ScoringBatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Starts the scoring streams application with the context when there is a Kafka cluster to talk to (configured by
 * {@code anogan.streams.bootstrap-servers}, or the embedded one), and closes it on shutdown, before the batcher and
 * the model it uses.
 */
@Factory
@Requires(beans = KafkaEndpoints.class)
public class StreamsFactory {

    @Context
    @Bean(preDestroy = "close")
    ScoringStreams scoringStreams(KafkaEndpoints cluster, StreamsConfiguration streams, TopicsConfiguration topics,
                                  BatchingConfiguration batching, SchemaRegistry registry, ModelBundle bundle,
                                  Scorer scorer, ScoringBatcher batcher, MeterRegistry meters) {
        BatchPolicy policy = new BatchPolicy(streams.batchSizeOr(batching.getMaxBatchSize()), streams.getMaxBatchWait());
        Properties properties = new Properties();
        properties.putAll(cluster.clientSettings());
        properties.putAll(streams.streamsProperties());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        StreamsMonitor monitor = new StreamsMonitor(streams.supervision());
        return ScoringStreams.start(ScoringTopology.build(topics, registry, bundle.manifest().model(), scorer.mapper(),
                batcher, policy, streams.getMaxMetadataBytes(), meters, monitor), properties, meters, monitor);
    }
}
