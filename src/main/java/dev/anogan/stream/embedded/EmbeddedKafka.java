package dev.anogan.stream.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster in this process: Apache Kafka's own KRaft server in combined mode (broker and
 * controller), listening on 127.0.0.1 without security. It formats its data folder on first start and reuses
 * a formatted one; the topics and committed offsets of a persistent folder survive a restart.
 *
 * <p>Ownership: whoever calls {@link #start} closes the broker ({@link #close()}), after the clients that use it;
 * closing deletes a temporary data folder. Clients ({@link #bootstrapServers()}) are the caller's to close.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final boolean temporary;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDir, boolean temporary) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.temporary = temporary;
    }

    /**
     * Formats the data folder when needed, starts the server and waits until it serves clients.
     *
     * @throws EmbeddedKafkaException when the folder cannot be prepared or the server does not come up
     */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
        boolean temporary = config.dataDir().isEmpty();
        Path dataDir = prepareDataDir(config);
        int brokerPort = FreePorts.resolve(config.brokerPort());
        int controllerPort = FreePorts.resolve(config.controllerPort());
        String bootstrap = "127.0.0.1:" + brokerPort;
        KafkaConfig kafkaConfig = KafkaConfig.fromProps(
                serverProperties(config, dataDir.resolve("logs"), brokerPort, controllerPort), false);
        format(dataDir.resolve("logs"));
        KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap, dataDir, temporary);
        try {
            server.startup();
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw new EmbeddedKafkaException("The embedded Kafka broker did not start on " + bootstrap + ": " + e, e);
        }
        LOG.info("Embedded Kafka broker serving on {} (data in {})", bootstrap, dataDir);
        return kafka;
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The folder holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /** Creates the topics that do not exist yet (existing ones are left as they are) and waits for it. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = admin()) {
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new EmbeddedKafkaException("Cannot create topic " + created.getKey() + ": "
                                + e.getCause(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaException("Topics not created within " + READY_TIMEOUT, e);
        }
    }

    /** Creates topics of {@code partitions} partitions each (replication factor 1) that do not exist yet. */
    public void createTopics(int partitions, String... names) {
        createTopics(Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList());
    }

    /** Stops the server, waits for it, and deletes a temporary data folder. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            Folders.delete(dataDir);
        }
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedKafkaException("No answer from the broker within " + READY_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while waiting for the broker", e);
        }
    }

    private static Path prepareDataDir(EmbeddedKafkaConfig config) {
        try {
            if (config.dataDir().isEmpty()) {
                return Files.createTempDirectory("anogan-kafka-");
            }
            Path dir = config.dataDir().get();
            if (config.cleanStart()) {
                Folders.delete(dir);
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded Kafka data folder", e);
        }
    }

    private static Properties serverProperties(EmbeddedKafkaConfig config, Path logDir, int brokerPort,
                                               int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER
                + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic must make do with one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.putAll(config.brokerProperties());
        return props;
    }

    /** Formats the log folder as a one-node cluster unless it already is (then it is reused as it is). */
    private static void format(Path logDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(existingClusterId(logDir).orElseGet(() -> Uuid.randomUuid().toString()))
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException("Cannot format the embedded Kafka log folder " + logDir + ": " + e, e);
        }
        LOG.debug("Formatter: {}", out.toString(StandardCharsets.UTF_8).strip());
    }

    /** The id of the cluster a formatted folder belongs to; the formatter checks it even when it skips the folder. */
    private static Optional<String> existingClusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(meta)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + meta, e);
        }
        return Optional.ofNullable(props.getProperty("cluster.id"));
    }
}
