package dev.anogan.stream.topology;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.kafka.StreamsConfiguration;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.testing.CommittedRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One test's topics on a broker (the embedded one, or the benchmark's) (fresh names, so tests do not see each other's records) and the
 * clients to use them: a raw producer and read_committed consumers.
 */
final class BrokerHarness {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    final TopicsConfiguration topics = new TopicsConfiguration();
    final String applicationId;
    private final String bootstrapServers;

    BrokerHarness(EmbeddedKafka kafka, int inputPartitions) {
        this(kafka.bootstrapServers(), inputPartitions, Map.of());
    }

    /**
     * @param bootstrapServers any cluster (a one-node one: the topics have one replica)
     * @param outputConfig     topic settings of the output topics (a retention limit for long runs, say)
     */
    BrokerHarness(String bootstrapServers, int inputPartitions, Map<String, String> outputConfig) {
        this.bootstrapServers = bootstrapServers;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        topics.setPatches("patches-" + suffix);
        topics.setScores("patch-scores-" + suffix);
        topics.setAlerts("anomaly-alerts-" + suffix);
        topics.setDeadLetters("patches-dlq-" + suffix);
        topics.setImageVerdicts("image-verdicts-" + suffix);
        applicationId = "anogan-test-" + suffix;
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin client = Admin.create(admin)) {
            List<NewTopic> created = Stream.concat(Stream.of(new NewTopic(topics.getPatches(), inputPartitions, (short) 1)),
                    Stream.of(topics.getScores(), topics.getAlerts(), topics.getDeadLetters(),
                                    topics.getImageVerdicts())
                            .map(name -> new NewTopic(name, 1, (short) 1).configs(outputConfig))).toList();
            client.createTopics(created).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(client, created.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the topics on " + bootstrapServers + ": " + e, e);
        }
    }

    /**
     * Waits until the broker leads every partition of {@code names} (it answers a list-offsets request for each, which
     * only the leader does). A producer that writes to a partition the broker does not lead yet gets
     * NOT_LEADER_OR_FOLLOWER, and its retry can then be refused as out of sequence for good (seen under load with the
     * in-process broker), leaving the test's input half written.
     */
    private static void awaitLeaders(Admin client, List<String> names) {
        boolean led = Eventually.within(TIMEOUT, () -> {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                client.describeTopics(names).allTopicNames().get().forEach((topic, description) ->
                        description.partitions().forEach(p -> partitions.put(new TopicPartition(topic, p.partition()),
                                OffsetSpec.latest())));
                client.listOffsets(partitions).all().get();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            } catch (ExecutionException e) {
                return false;
            }
        });
        if (!led) {
            throw new IllegalStateException("the broker leads not every partition of " + names + " after " + TIMEOUT);
        }
    }

    /** Exactly-once streams properties for this test's application, with state in {@code stateDir}. */
    Properties streamsProperties(Path stateDir) {
        return exactlyOnce(bootstrapServers, applicationId, stateDir);
    }

    /**
     * As {@link #streamsProperties}, for tests where stream threads fail: a failed thread does not leave the group,
     * so its replacement waits out the session timeout, here the service's default for dynamic members (not
     * Kafka's 45 s).
     */
    Properties failingThreadProperties(Path stateDir) {
        Properties props = streamsProperties(stateDir);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) StreamsConfiguration.DYNAMIC_SESSION_TIMEOUT.toMillis());
        return props;
    }

    /** Exactly-once streams properties with a short commit interval. */
    static Properties exactlyOnce(String bootstrapServers, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return props;
    }

    /** A producer of raw bytes; the caller closes it. */
    KafkaProducer<byte[], byte[]> producer() {
        return producer(new ByteArraySerializer());
    }

    /** A producer of byte keys and values that {@code values} writes; the caller closes it. */
    <V> KafkaProducer<byte[], V> producer(Serializer<V> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new ByteArraySerializer(), values);
    }

    List<PatchScore> readScores(SchemaRegistry registry, int atLeast) {
        return read(topics.getScores(), registry, PatchScore.class, atLeast);
    }

    List<DeadLetter> readDeadLetters(SchemaRegistry registry, int atLeast) {
        return read(topics.getDeadLetters(), registry, DeadLetter.class, atLeast);
    }

    /**
     * The committed records of {@code topic}: waits until at least {@code atLeast} have come (or the timeout),
     * then a little longer to catch any duplicate.
     */
    <T extends SpecificRecord> List<T> read(String topic, SchemaRegistry registry, Class<T> type, int atLeast) {
        return CommittedRecords.read(bootstrapServers, topic, registry, type, v -> v.size() >= atLeast,
                TIMEOUT);
    }

    /** The committed records of {@code topic} now (read for 2 s), for checking what is not there. */
    <T extends SpecificRecord> List<T> readNow(String topic, SchemaRegistry registry, Class<T> type) {
        return CommittedRecords.read(bootstrapServers, topic, registry, type, v -> false,
                Duration.ofSeconds(2));
    }

    /** A read_committed consumer of {@code type} in a fresh group, from the earliest offset; the caller closes it. */
    <T extends SpecificRecord> KafkaConsumer<byte[], T> consumer(SchemaRegistry registry, Class<T> type) {
        return CommittedRecords.consumer(bootstrapServers, registry, type);
    }
}
