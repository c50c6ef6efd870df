package dev.anogan.stream.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The registry's changes in a compacted one-partition Kafka topic, as Confluent's registry keeps them in
 * {@code _schemas}: each change is produced and acknowledged before the registry answers, and a start reads the
 * topic from the beginning. One registry writes to a topic at a time (the embedded cluster's data folder lock sees
 * to that). Closing it closes its producer; the broker is not its to close.
 */
final class KafkaSchemaLog implements SchemaLog {

    /** The topic, named as Confluent's default {@code kafkastore.topic}. */
    static final String TOPIC = "_schemas";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;

    private KafkaSchemaLog(String bootstrapServers, KafkaProducer<byte[], byte[]> producer) {
        this.bootstrapServers = bootstrapServers;
        this.producer = producer;
    }

    /** Creates the topic when it does not exist yet and opens a producer to it. */
    static KafkaSchemaLog open(String bootstrapServers) {
        createTopic(bootstrapServers);
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-log");
        return new KafkaSchemaLog(bootstrapServers,
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    @Override
    public List<SchemaLogEntry> readAll() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-log-reader");
        List<SchemaLogEntry> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), TIMEOUT).get(PARTITION);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(PARTITION, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new SchemaLogException("Could not read " + TOPIC + " up to offset " + end + " within "
                            + TIMEOUT, null);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    SchemaLogCodec.decode(record.key(), record.value()).ifPresent(entries::add);
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new SchemaLogException("Cannot read " + TOPIC + " on " + bootstrapServers + ": " + e, e);
        }
        return entries;
    }

    @Override
    public void append(SchemaLogEntry entry) {
        SchemaLogCodec.KeyValue record = SchemaLogCodec.encode(entry);
        try {
            producer.send(new ProducerRecord<>(TOPIC, PARTITION.partition(), record.key(), record.value()))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new SchemaLogException("Cannot write to " + TOPIC + " on " + bootstrapServers + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaLogException("Interrupted while writing to " + TOPIC, e);
        }
    }

    /** Closes the producer (its writes are all acknowledged already). */
    @Override
    public void close() {
        producer.close(TIMEOUT);
    }

    private static void createTopic(String bootstrapServers) {
        NewTopic topic = new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new SchemaLogException("Cannot create " + TOPIC + " on " + bootstrapServers + ": "
                        + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new SchemaLogException("Topic " + TOPIC + " not created within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaLogException("Interrupted while creating " + TOPIC, e);
        }
    }
}
