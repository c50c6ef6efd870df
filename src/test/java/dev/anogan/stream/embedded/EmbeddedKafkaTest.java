package dev.anogan.stream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process KRaft broker: serves clients, keeps a persistent folder across restarts, cleans up. */
class EmbeddedKafkaTest {

    @TempDir
    Path tmp;

    @Test
    void aPersistentBrokerKeepsItsTopicsAndRecordsAcrossARestart() throws Exception {
        Path dir = tmp.resolve("kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.persistentIn(dir))) {
            kafka.createTopics(2, "kept");
            kafka.createTopics(2, "kept");
            produce(kafka.bootstrapServers(), "kept", "a", "b");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.persistentIn(dir))) {
            assertTrue(topics(kafka.bootstrapServers()).contains("kept"));
            assertEquals(List.of("a", "b"), consume(kafka.bootstrapServers(), "kept", 2));
        }
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void aCleanStartForgetsThePreviousCluster() throws Exception {
        Path dir = tmp.resolve("kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.persistentIn(dir))) {
            kafka.createTopics(1, "forgotten");
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.persistentIn(dir).withCleanStart())) {
            assertFalse(topics(kafka.bootstrapServers()).contains("forgotten"));
        }
    }

    @Test
    void anEphemeralBrokerDeletesItsFolderOnClose() {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral())) {
            dir = kafka.dataDir();
            assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));
            assertTrue(Files.isDirectory(dir));
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void configuredPortsAreUsed() {
        int broker = FreePorts.resolve(0);
        int controller = FreePorts.resolve(0);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral().withPorts(broker, controller))) {
            assertEquals("127.0.0.1:" + broker, kafka.bootstrapServers());
            kafka.createTopics(1, "on-a-fixed-port");
        }
    }

    private static Set<String> topics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String bootstrap, String topic, String... values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, 0, null, v));
            }
        }
    }

    private static List<String> consume(String bootstrap, String topic, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
