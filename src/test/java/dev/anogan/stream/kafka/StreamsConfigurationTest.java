package dev.anogan.stream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code anogan.streams.*} and {@code anogan.topics.*}: defaults, binding, and the Kafka properties made of them. */
class StreamsConfigurationTest {

    @Test
    void defaultsAreExactlyOnceOnTheDocumentedTopics() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            StreamsConfiguration streams = ctx.getBean(StreamsConfiguration.class);
            TopicsConfiguration topics = ctx.getBean(TopicsConfiguration.class);
            Properties props = streams.streamsProperties();

            assertEquals("anogan-stream", props.get("application.id"));
            assertEquals("exactly_once_v2", props.get("processing.guarantee"));
            assertFalse(props.containsKey("bootstrap.servers"));
            assertEquals(Optional.empty(), streams.getBootstrapServers());
            assertEquals(64, streams.batchSizeOr(64));
            assertEquals(Duration.ofMillis(20), streams.getMaxBatchWait());
            assertEquals(50L, props.get("commit.interval.ms"));
            assertEquals(Runtime.getRuntime().availableProcessors(), props.get("num.stream.threads"));
            assertEquals("patches", topics.getPatches());
            assertEquals("patch-scores", topics.getScores());
            assertEquals("anomaly-alerts", topics.getAlerts());
            assertEquals("patches-dlq", topics.getDeadLetters());
        }
    }

    /** Without bootstrap servers (set in StreamsFactoryTest), since they start the streams application. */
    @Test
    void settingsAndPassThroughKafkaPropertiesBind() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "anogan.streams.application-id", "scoring-eu",
                "anogan.streams.max-batch-size", "8",
                "anogan.streams.max-batch-wait", "250ms",
                "anogan.streams.state-dir", "/var/lib/anogan",
                "anogan.streams.num-stream-threads", "4",
                "anogan.streams.properties.commit.interval.ms", "200",
                "anogan.streams.properties.security.protocol", "SASL_SSL",
                "anogan.streams.properties.sasl.mechanism", "PLAIN",
                "anogan.topics.dead-letters", "scanner-dlq"))) {
            StreamsConfiguration streams = ctx.getBean(StreamsConfiguration.class);
            Properties props = streams.streamsProperties();

            assertEquals("scoring-eu", props.get("application.id"));
            assertEquals("/var/lib/anogan", props.get("state.dir"));
            assertEquals(4, props.get("num.stream.threads"));
            assertEquals("200", props.get("commit.interval.ms"));
            assertEquals("SASL_SSL", props.get("security.protocol"));
            assertEquals("PLAIN", props.get("sasl.mechanism"));
            assertEquals(8, streams.batchSizeOr(64));
            assertEquals(Duration.ofMillis(250), streams.getMaxBatchWait());
            assertEquals("scanner-dlq", ctx.getBean(TopicsConfiguration.class).getDeadLetters());
        }
    }

    @Test
    void transactionAndPollTimeoutsAreDerivedFromTheWorstCaseBatchTime() {
        StreamsConfiguration streams = new StreamsConfiguration();
        Properties defaults = streams.streamsProperties();
        // 50 ms commit interval + 2 x 10 s + 10 s: longer than Kafka Streams' 10 s default
        assertEquals(30_050, defaults.get("producer.transaction.timeout.ms"));
        assertEquals(300_000, defaults.get("main.consumer.max.poll.interval.ms"));

        streams.setMaxBatchTime(Duration.ofMinutes(1));
        streams.setNumStreamThreads(2);
        assertEquals(2, streams.tasksPerThread(3));
        Properties slow = streams.streamsProperties(streams.tasksPerThread(3));
        // 50 ms + 2 x 2 tasks x 60 s + 10 s
        assertEquals(250_050, slow.get("producer.transaction.timeout.ms"));
        assertEquals(500_100, slow.get("main.consumer.max.poll.interval.ms"));

        streams.setMaxBatchTime(Duration.ofHours(1));
        assertEquals(Duration.ofMinutes(15), streams.transactionTimeout(1), "capped at the brokers' default maximum");
    }

    @Test
    void staticMembershipSetsTheGroupInstanceIdAndDynamicMembersGetAShorterSessionTimeout() {
        StreamsConfiguration dynamic = new StreamsConfiguration();
        assertFalse(dynamic.streamsProperties().containsKey("main.consumer.group.instance.id"));
        assertEquals(10_000, dynamic.streamsProperties().get("main.consumer.session.timeout.ms"));

        try (ApplicationContext ctx = ApplicationContext.run(Map.of("anogan.streams.instance-id", "anogan-7f9c-x2"))) {
            Properties props = ctx.getBean(StreamsConfiguration.class).streamsProperties();
            assertEquals("anogan-7f9c-x2", props.get("main.consumer.group.instance.id"));
            assertFalse(props.containsKey("main.consumer.session.timeout.ms"), "Kafka's 45 s for static members");
        }
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("anogan.streams.session-timeout", "30s",
                "anogan.streams.max-metadata-bytes", "1024", "anogan.streams.max-thread-replacements", "3"))) {
            StreamsConfiguration streams = ctx.getBean(StreamsConfiguration.class);
            assertEquals(30_000, streams.streamsProperties().get("main.consumer.session.timeout.ms"));
            assertEquals(1024, streams.getMaxMetadataBytes());
            assertEquals(3, streams.supervision().maxThreadReplacements());
        }
    }

    @Test
    void theProgressTimeoutIsNeverShorterThanABatch() {
        StreamsConfiguration streams = new StreamsConfiguration();
        streams.setProgressTimeout(Duration.ofSeconds(1));
        streams.setMaxBatchTime(Duration.ofSeconds(30));
        assertEquals(Duration.ofMillis(30_050), streams.supervision().progressTimeout());
    }
}
