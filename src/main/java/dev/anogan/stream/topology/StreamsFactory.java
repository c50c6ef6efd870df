package dev.anogan.stream.topology;

import dev.anogan.stream.batching.BatchingConfiguration;
import dev.anogan.stream.images.ImageAssembly;
import dev.anogan.stream.images.ImageRule;
import dev.anogan.stream.images.ImagesConfiguration;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Starts the scoring streams application with the context when there is a Kafka cluster to talk to (configured by
 * {@code anogan.streams.bootstrap-servers}, or the embedded one), and closes it on shutdown, before the batcher and
 * the model it uses.
 */
@Factory
@Requires(beans = KafkaEndpoints.class)
public class StreamsFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsFactory.class);
    private static final Duration PARTITION_LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    @Context
    @Bean(preDestroy = "close")
    ScoringStreams scoringStreams(KafkaEndpoints cluster, StreamsConfiguration streams, TopicsConfiguration topics,
                                  BatchingConfiguration batching, SchemaRegistry registry, ModelBundle bundle,
                                  Scorer scorer, ScoringBatcher batcher, MeterRegistry meters,
                                  ImagesConfiguration images) {
        BatchPolicy policy = new BatchPolicy(streams.batchSizeOr(batching.getMaxBatchSize()), streams.getMaxBatchWait());
        Properties properties = new Properties();
        properties.putAll(cluster.clientSettings());
        properties.putAll(streams.streamsProperties(streams.tasksPerThread(inputPartitions(cluster, topics.getPatches()))));
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        StreamsMonitor monitor = new StreamsMonitor(streams.supervision());
        return ScoringStreams.start(ScoringTopology.build(topics, registry, bundle.manifest().model(), scorer.mapper(),
                batcher, policy, streams.getMaxMetadataBytes(), meters, monitor, imageAssembly(images, bundle, scorer)),
                properties, meters, monitor);
    }

    /** The image part as configured, judged by the bundle's image calibration of the method in use, if any. */
    private static Optional<ImageAssembly> imageAssembly(ImagesConfiguration images, ModelBundle bundle,
                                                         Scorer scorer) {
        if (!images.isEnabled()) {
            return Optional.empty();
        }
        ImageRule rule = ImageRule.of(bundle.manifest().method(scorer.method().name()), scorer.method().steps(),
                scorer.calibration());
        return Optional.of(new ImageAssembly(rule, images.policy()));
    }

    /** The partitions of the input topic (what the transaction timeout is sized for); 1 when it cannot be told. */
    private static int inputPartitions(KafkaEndpoints cluster, String topic) {
        Properties props = cluster.adminProperties();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PARTITION_LOOKUP_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(PARTITION_LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Cannot tell the partitions of {} ({}); sizing the transaction timeout for one task per thread",
                    topic, e.toString());
        }
        return 1;
    }
}
