package dev.anogan.stream.embedded;

import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.RegistryServerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's infrastructure: a one-node Kafka cluster with the service's topics and a schema registry
 * serving the Confluent REST API, both in this process on 127.0.0.1. The data folder is kept between runs: the
 * broker's topics and offsets, the streams state, and the registry's schemas (in the broker's compacted
 * {@code _schemas} topic), so that records of earlier runs still decode. Whoever starts it closes it, after every
 * client that uses it.
 */
public final class EmbeddedCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCluster.class);
    private static final String HOST = "127.0.0.1";

    private final DataDirLock lock;
    private final EmbeddedKafka kafka;
    private final InMemorySchemaRegistry registry;
    private final Path streamsStateDir;

    private EmbeddedCluster(DataDirLock lock, EmbeddedKafka kafka, InMemorySchemaRegistry registry,
                            Path streamsStateDir) {
        this.lock = lock;
        this.kafka = kafka;
        this.registry = registry;
        this.streamsStateDir = streamsStateDir;
    }

    /**
     * Starts the broker on the data folder as the last run left it, creates the topics that are missing and starts
     * the registry, which reads its schemas back from the broker.
     *
     * @throws EmbeddedKafkaException naming the configuration key when a port is taken or the folder is in use
     */
    public static EmbeddedCluster start(EmbeddedConfiguration config, TopicsConfiguration topics) {
        requireFree(config.getKafkaPort(), EmbeddedConfiguration.PREFIX + ".kafka-port");
        requireFree(config.getRegistryPort(), EmbeddedConfiguration.PREFIX + ".registry-port");
        Path dataDir = config.getDataDir().toAbsolutePath();
        DataDirLock lock = DataDirLock.acquire(dataDir, EmbeddedConfiguration.PREFIX + ".data-dir");
        EmbeddedKafka kafka = null;
        try {
            kafka = EmbeddedKafka.start(new EmbeddedKafkaConfig(Optional.of(dataDir.resolve("kafka")), false,
                    config.getKafkaPort(), 0, Map.of()));
            kafka.createTopics(config.getPartitions(), topics.getPatches(), topics.getScores(), topics.getAlerts(),
                    topics.getDeadLetters(), topics.getImageVerdicts());
            InMemorySchemaRegistry registry = InMemorySchemaRegistry.start(
                    RegistryServerSettings.on(HOST, config.getRegistryPort())
                            .withDefaultCompatibility(config.getRegistryCompatibility())
                            .persistedIn(kafka.bootstrapServers()));
            LOG.info("Embedded cluster up: Kafka on {}, schema registry on {}", kafka.bootstrapServers(), registry.url());
            return new EmbeddedCluster(lock, kafka, registry, dataDir.resolve("streams"));
        } catch (RuntimeException e) {
            if (kafka != null) {
                kafka.close();
            }
            lock.close();
            throw e;
        }
    }

    private static void requireFree(int port, String key) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new EmbeddedKafkaException(key + ": port " + port + " on " + HOST + " is taken (" + e.getMessage()
                    + "); set it to a free port, or to 0 for any free one", e);
        }
    }

    /** The cluster for the service's clients; Kafka Streams keeps its state in the data folder. */
    public KafkaEndpoints endpoints() {
        return new KafkaEndpoints(kafka.bootstrapServers(),
                Map.of(StreamsConfig.STATE_DIR_CONFIG, streamsStateDir.toString()));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The registry's base URL, for any Confluent-compatible client. */
    public String registryUrl() {
        return registry.url();
    }

    /** Stops the registry and the broker and releases the data folder. */
    @Override
    public void close() {
        try (lock; kafka; registry) {
            LOG.info("Stopping the embedded cluster");
        }
    }
}
