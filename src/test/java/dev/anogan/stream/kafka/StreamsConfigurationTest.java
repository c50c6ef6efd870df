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
}
