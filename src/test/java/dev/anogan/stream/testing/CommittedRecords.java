package dev.anogan.stream.testing;

import dev.anogan.stream.kafka.KafkaAvroDeserializer;
import dev.anogan.stream.registry.SchemaRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what downstream consumers see of a topic: committed records only, in a fresh group, from the start. */
public final class CommittedRecords {

    private CommittedRecords() {
    }

    /**
     * The committed records of {@code topic}: polls until {@code done} holds for those read so far or the timeout
     * passes, then a little longer to catch any duplicate.
     */
    public static <T extends SpecificRecord> List<T> read(String bootstrapServers, String topic, SchemaRegistry registry,
                                                          Class<T> type, Predicate<List<T>> done, Duration timeout) {
        return readRecords(bootstrapServers, topic, registry, type,
                records -> done.test(records.stream().map(ConsumerRecord::value).toList()), timeout)
                .stream().map(ConsumerRecord::value).toList();
    }

    /** As {@link #read}, the records with their keys (as bytes) and values. */
    public static <T extends SpecificRecord> List<ConsumerRecord<byte[], T>> readRecords(
            String bootstrapServers, String topic, SchemaRegistry registry, Class<T> type,
            Predicate<List<ConsumerRecord<byte[], T>>> done, Duration timeout) {
        List<ConsumerRecord<byte[], T>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], T> consumer = consumer(bootstrapServers, registry, type)) {
            consumer.subscribe(List.of(topic));
            poll(consumer, records, done, timeout);
            poll(consumer, records, v -> false, Duration.ofSeconds(2));
        }
        return records;
    }

    private static <T> void poll(KafkaConsumer<byte[], T> consumer, List<ConsumerRecord<byte[], T>> records,
                                 Predicate<List<ConsumerRecord<byte[], T>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(records) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
    }

    /**
     * A read_committed consumer of {@code type} in a fresh group, from the earliest offset, configured as the
     * README's topic contract says: keys as bytes (they are the producers', not Avro), the Avro deserializer for
     * values only. The caller closes it.
     */
    public static <T extends SpecificRecord> KafkaConsumer<byte[], T> consumer(String bootstrapServers,
                                                                               SchemaRegistry registry, Class<T> type) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The broker holds an empty fetch up to this long, and a transaction's commit marker does not cut it short.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new KafkaAvroDeserializer<>(registry, type));
    }
}
