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
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's live view of the output topics: a {@link CommittedTopicReader} reads the committed scores and
 * alerts (every partition, starting {@link FeedConfiguration#getHistory()} records back) into a {@link FeedState}.
 * Owns the reader; the context closes it on shutdown.
 */
@Context
@Requires(beans = {KafkaEndpoints.class, SchemaRegistry.class})
public final class ScoreFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreFeed.class);

    private final TopicsConfiguration topics;
    private final KafkaAvroDeserializer<PatchScore> scoreReader;
    private final KafkaAvroDeserializer<AnomalyAlert> alertReader;
    private final Clock clock;
    private final FeedState state;
    private final CommittedTopicReader reader;

    ScoreFeed(KafkaEndpoints cluster, SchemaRegistry registry, TopicsConfiguration topics, FeedConfiguration config) {
        this.topics = topics;
        this.scoreReader = new KafkaAvroDeserializer<>(registry, PatchScore.class);
        this.alertReader = new KafkaAvroDeserializer<>(registry, AnomalyAlert.class);
        this.clock = Clock.systemUTC();
        this.state = new FeedState(config, clock.instant());
        this.reader = new CommittedTopicReader("score-feed", cluster, List.of(topics.getScores(), topics.getAlerts()),
                config.getHistory(), config.getMaxRetryBackoff(), this::accept, state::setConnected);
    }

    @PostConstruct
    void start() {
        reader.start();
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

    /** Stops the reader's thread and closes its consumer (waits for both). */
    @PreDestroy
    @Override
    public void close() {
        reader.close();
    }
}
