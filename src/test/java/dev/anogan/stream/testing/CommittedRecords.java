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
        List<T> values = new ArrayList<>();
        try (KafkaConsumer<byte[], T> consumer = consumer(bootstrapServers, registry, type)) {
            consumer.subscribe(List.of(topic));
            poll(consumer, values, done, timeout);
            poll(consumer, values, v -> false, Duration.ofSeconds(2));
        }
        return values;
    }

    private static <T> void poll(KafkaConsumer<byte[], T> consumer, List<T> values, Predicate<List<T>> done,
                                 Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(values) && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], T> r : consumer.poll(Duration.ofMillis(200))) {
                values.add(r.value());
            }
        }
    }

    /** A read_committed consumer of {@code type} in a fresh group, from the earliest offset; the caller closes it. */
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
