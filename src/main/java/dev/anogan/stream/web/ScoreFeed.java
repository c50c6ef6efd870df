package dev.anogan.stream.web;

import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.kafka.KafkaAvroDeserializer;
import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.registry.SchemaRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's live view of the output topics: a thread of its own reads the committed scores and alerts (every
 * partition, starting {@link FeedConfiguration#getHistory()} records back) into a {@link FeedState}. A cluster that
 * is not up yet, or topics not created yet, are retried with back-off. Owns its consumer and thread; the context
 * closes it on shutdown.
 */
@Context
@Requires(beans = {KafkaEndpoints.class, SchemaRegistry.class})
public final class ScoreFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final KafkaEndpoints cluster;
    private final TopicsConfiguration topics;
    private final FeedConfiguration config;
    private final KafkaAvroDeserializer<PatchScore> scoreReader;
    private final KafkaAvroDeserializer<AnomalyAlert> alertReader;
    private final Clock clock;
    private final FeedState state;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** Per partition, the offset after the last record read; the feed thread's own, so a reconnect resumes there. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();

    ScoreFeed(KafkaEndpoints cluster, SchemaRegistry registry, TopicsConfiguration topics, FeedConfiguration config) {
        this.cluster = cluster;
        this.topics = topics;
        this.config = config;
        this.scoreReader = new KafkaAvroDeserializer<>(registry, PatchScore.class);
        this.alertReader = new KafkaAvroDeserializer<>(registry, AnomalyAlert.class);
        this.clock = Clock.systemUTC();
        this.state = new FeedState(config, clock.instant());
        this.thread = new Thread(this::run, "score-feed");
        thread.setDaemon(true);
    }

    @PostConstruct
    void start() {
        thread.start();
    }

    /** Up to {@code limit} scores, newest first. */
    public List<ScoreView> recentScores(int limit) {
        return state.recentScores(limit);
    }

    /** Up to {@code limit} alerts, newest first. */
    public List<AnomalyAlert> recentAlerts(int limit) {
        return state.recentAlerts(limit);
    }

    /** The alert of {@code patchId}, while it is among the recent ones. */
    public Optional<AnomalyAlert> alert(String patchId) {
        return state.alert(patchId);
    }

    public FeedStats stats() {
        return state.stats(clock.millis());
    }

    /** Whether the feed is reading the topics now. */
    public boolean connected() {
        return state.connected();
    }

    /** Records skipped because they could not be decoded. */
    public long unreadable() {
        return state.unreadable();
    }

    private void run() {
        Duration backoff = FIRST_RETRY;
        while (!stopped()) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (stopped()) {
                    return;
                }
                Map<TopicPartition, Long> liveFrom = assignAll(c);
                backoff = FIRST_RETRY;
                readUntilStopped(c, liveFrom);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Score feed cannot read {} and {} at {} ({}); retrying in {} s", topics.getScores(),
                        topics.getAlerts(), cluster.bootstrapServers(), e.getMessage(), backoff.toSeconds());
                if (await(backoff)) {
                    return;
                }
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(config.getMaxRetryBackoff()) > 0 ? config.getMaxRetryBackoff() : doubled;
            } finally {
                consumer = null;
                state.setConnected(false);
            }
        }
    }

    private void readUntilStopped(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> liveFrom) {
        state.setConnected(true);
        while (!stopped()) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                TopicPartition partition = new TopicPartition(r.topic(), r.partition());
                accept(r, r.offset() >= liveFrom.get(partition));
                resumeAt.put(partition, r.offset() + 1);
            }
        }
    }

    private Properties consumerProperties() {
        Properties props = cluster.consumerProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "anogan-score-feed");
        return props;
    }

    /**
     * Assigns every partition of both topics and seeks {@code history} records back from each one's end, or, after
     * a reconnect, to where the feed left off.
     *
     * @return per partition, the first offset that is live (was not yet committed when the feed started)
     */
    private Map<TopicPartition, Long> assignAll(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.getScores(), topics.getAlerts())) {
            List<PartitionInfo> infos = c.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist (yet)");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        c.assign(partitions);
        Map<TopicPartition, Long> begin = c.beginningOffsets(partitions, METADATA_TIMEOUT);
        Map<TopicPartition, Long> end = c.endOffsets(partitions, METADATA_TIMEOUT);
        Map<TopicPartition, Long> liveFrom = new HashMap<>();
        for (TopicPartition p : partitions) {
            Long resume = resumeAt.get(p);
            c.seek(p, resume != null ? resume : Math.max(begin.get(p), end.get(p) - config.getHistory()));
            liveFrom.put(p, resume != null ? resume : end.get(p));
        }
        LOG.info("Score feed reads {} partitions of {} and {}", partitions.size(), topics.getScores(),
                topics.getAlerts());
        return liveFrom;
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, boolean live) {
        try {
            if (r.topic().equals(topics.getScores())) {
                PatchScore score = scoreReader.deserialize(r.topic(), r.value());
                if (score != null) {
                    state.addScore(score, r.timestamp(), live, clock.millis());
                }
            } else {
                AnomalyAlert alert = alertReader.deserialize(r.topic(), r.value());
                if (alert != null) {
                    state.addAlert(alert);
                }
            }
        } catch (SerializationException e) {
            state.addUnreadable();
            LOG.warn("Score feed skips {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    /** Waits {@code time} or until closed; true when closed. */
    private boolean await(Duration time) {
        try {
            return stop.await(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops the thread and closes the consumer (waits for both). */
    @PreDestroy
    @Override
    public void close() {
        stop.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(METADATA_TIMEOUT.multipliedBy(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
