package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.TestRegistries;
import dev.anogan.stream.serde.AvroRecordSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The feed copes with a cluster that comes up after it, and shows recent history after a restart. */
class ScoreFeedTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TopicsConfiguration topics = new TopicsConfiguration();

    @Test
    void aFeedStartedBeforeTheBrokerReadsTheTopicsOnceTheBrokerIsUp() throws Exception {
        int brokerPort = freePort();
        FeedConfiguration config = new FeedConfiguration();
        config.setMaxRetryBackoff(Duration.ofSeconds(1));
        try (InMemorySchemaRegistry registry = TestRegistries.startInMemory();
             ScoreFeed feed = new ScoreFeed(new KafkaEndpoints("127.0.0.1:" + brokerPort, Map.of()), registry,
                     topics, config)) {
            feed.start();
            Thread.sleep(1000);
            assertFalse(feed.stats().connected());
            try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral()
                    .withPorts(brokerPort, freePort()))) {
                kafka.createTopics(1, topics.getScores(), topics.getAlerts());
                publish(kafka, registry, List.of(score("late-1", false)));
                await(() -> feed.stats().counts().normal() == 1);
                assertTrue(feed.stats().connected());
            }
        }
    }

    @Test
    void aRestartedFeedShowsRecentHistoryButTimesOnlyLiveScores() throws Exception {
        FeedConfiguration config = new FeedConfiguration();
        config.setHistory(3);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             InMemorySchemaRegistry registry = TestRegistries.startInMemory()) {
            kafka.createTopics(1, topics.getScores(), topics.getAlerts());
            publish(kafka, registry, IntStream.range(0, 5).mapToObj(i -> score("old-" + i, i == 4)).toList());
            try (ScoreFeed feed = new ScoreFeed(new KafkaEndpoints(kafka.bootstrapServers(), Map.of()), registry,
                    topics, config)) {
                feed.start();
                await(() -> feed.recentScores(10).size() == 3);
                assertEquals(List.of("old-4", "old-3", "old-2"),
                        feed.recentScores(10).stream().map(ScoreView::patchId).toList());
                feed.recentScores(10).forEach(s -> assertNull(s.endToEndMillis(), s.patchId()));
                FeedStats history = feed.stats();
                assertEquals(new FeedStats.Counts(2, 1, 0, 0), history.counts());
                assertNull(history.latencyMillis());
                assertEquals(0.0, history.throughput().scoresPerSecond());

                publish(kafka, registry, List.of(score("new-1", false)));
                await(() -> feed.recentScores(10).size() == 4);
                assertNotNull(feed.recentScores(1).get(0).endToEndMillis());
                assertEquals(1, feed.stats().latencyMillis().samples());
                assertTrue(feed.stats().throughput().scoresPerSecond() > 0);
            }
        }
    }

    private void publish(EmbeddedKafka kafka, InMemorySchemaRegistry registry, List<PatchScore> scores) {
        AvroRecordSerializer<PatchScore> serializer = new AvroRecordSerializer<>(registry);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (PatchScore s : scores) {
                producer.send(new ProducerRecord<>(topics.getScores(), serializer.serialize(topics.getScores(), s)));
            }
        }
    }

    private static PatchScore score(String patchId, boolean anomalous) {
        return PatchScore.newBuilder().setPatchId(patchId).setSourceId("scanner-1").setImageId("image-1")
                .setCaptureTime(Instant.now()).setModel("model").setMethod("egbad").setScore(anomalous ? 400 : 50)
                .setThreshold(300).setAnomalous(anomalous).setPercentile(anomalous ? 100 : 40)
                .setScoredAt(Instant.now()).build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
