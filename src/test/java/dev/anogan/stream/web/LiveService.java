package dev.anogan.stream.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.publish.PublishCommand;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.registry.TestRegistries;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.serde.AvroRecordSerializer;
import dev.anogan.stream.testing.Api;
import dev.anogan.stream.topology.ScoringStreams;
import dev.anogan.stream.topology.StreamingFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The whole service as a user runs it against a cluster: an embedded Kafka broker, an in-memory schema registry,
 * and the application (streams app, score feed, REST API, dashboard) on a free HTTP port, scoring with the fast
 * encoder method. Publishes real Fashion-MNIST test patches as a scanner would. Closes all of it.
 */
final class LiveService implements AutoCloseable {

    static final String METHOD = "egbad";
    /** Score topics with two partitions, so the feed must read more than one. */
    private static final int OUTPUT_PARTITIONS = 2;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
    private final InMemorySchemaRegistry registry = TestRegistries.startInMemory();
    private final TopicsConfiguration topics = new TopicsConfiguration();
    private final EmbeddedServer server;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroRecordSerializer<ImagePatch> serializer = new AvroRecordSerializer<>(registry);
    private final Api api;
    private int produced;

    LiveService() {
        kafka.createTopics(1, topics.getPatches(), topics.getDeadLetters());
        kafka.createTopics(OUTPUT_PARTITIONS, topics.getScores(), topics.getAlerts(), topics.getImageVerdicts());
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "anogan.streams.bootstrap-servers", kafka.bootstrapServers(),
                "anogan.streams.state-dir", kafka.dataDir().resolve("streams").toString(),
                "anogan.streams.properties.commit.interval.ms", "100",
                "anogan.registry.url", registry.url(),
                "anogan.scoring.method", METHOD));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        api = new Api(server.getURL());
        ScoringStreams streams = server.getApplicationContext().getBean(ScoringStreams.class);
        await("the streams application to run", () -> streams.state() == KafkaStreams.State.RUNNING);
        await("the score feed to connect", () -> api.getJson("/api/stats").get("connected").booleanValue());
    }

    Api api() {
        return api;
    }

    /** The broker's bootstrap servers, for clients of the service's topics. */
    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The schema registry the service writes its schemas to. */
    SchemaRegistry registry() {
        return registry;
    }

    TopicsConfiguration topics() {
        return topics;
    }

    String url() {
        return server.getURL().toString();
    }

    Scorer scorer() {
        return server.getApplicationContext().getBean(Scorer.class);
    }

    /**
     * Publishes Fashion-MNIST test patches {@code indices} (ids {@code patch-<index>}, keyed by their ids) and waits
     * for the acks.
     */
    void publish(Collection<Integer> indices) {
        publish(indices, i -> ("patch-" + i).getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #publish(Collection)}, each patch keyed by {@code key} of its index (any bytes, or null). */
    synchronized void publish(Collection<Integer> indices, IntFunction<byte[]> key) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i : indices) {
            ImagePatch patch = StreamingFixture.patch(i);
            acks.add(producer.send(new ProducerRecord<>(topics.getPatches(), key.apply(i),
                    serializer.serialize(topics.getPatches(), patch))));
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
                produced++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing patches", e.getCause());
        }
    }

    /**
     * Publishes whole PNG images with the {@code publish} command through the service's broker and registry, and
     * counts their {@code tiles} as published patches (their scores are among the feed's).
     */
    synchronized void publishImages(int tiles, Path... files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers(), "--registry-url",
                registry.url(), "--topic", topics.getPatches()));
        Arrays.stream(files).map(Path::toString).forEach(args::add);
        int status = PublishCommand.run(args.toArray(String[]::new), new PrintStream(out, true,
                StandardCharsets.UTF_8), System.err);
        if (status != 0) {
            throw new IllegalStateException("publish exited with " + status + ": "
                    + out.toString(StandardCharsets.UTF_8));
        }
        produced += tiles;
    }

    synchronized int published() {
        return produced;
    }

    /** Waits until the feed has seen a score for every published patch and an alert for every anomalous one. */
    JsonNode awaitAllScored(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode stats = api.getJson("/api/stats");
        while (System.nanoTime() < deadline) {
            JsonNode counts = stats.get("counts");
            long scored = counts.get("normal").longValue() + counts.get("anomalous").longValue();
            if (scored == published() && counts.get("alerts").longValue() == counts.get("anomalous").longValue()) {
                return stats;
            }
            Thread.sleep(200);
            stats = api.getJson("/api/stats");
        }
        throw new AssertionError("not all " + published() + " patches scored within " + timeout + ": " + stats);
    }

    /**
     * Start-up waits, so that the tests' scores are all live (not read back as history) and their latencies are
     * those of a running service (not of the streams application's first rebalance).
     */
    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + STARTUP_TIMEOUT + " for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
        server.close();
        registry.close();
        kafka.close();
    }
}
