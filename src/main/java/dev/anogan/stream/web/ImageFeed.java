package dev.anogan.stream.web;

import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.images.ImagesConfiguration;
import dev.anogan.stream.kafka.KafkaAvroDeserializer;
import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.registry.SchemaRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's view of the image verdicts: a {@link CommittedTopicReader} of the verdicts topic keeps the newest
 * {@link FeedConfiguration#getRecentImages()} verdicts (reading as many back per partition at start). Runs when the
 * service has a cluster and a registry and gathers images. Owns the reader; the context closes it on shutdown.
 */
@Context
@Requires(beans = {KafkaEndpoints.class, SchemaRegistry.class})
@Requires(property = ImagesConfiguration.PREFIX + ".enabled", notEquals = "false")
public final class ImageFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFeed.class);

    private final KafkaAvroDeserializer<ImageVerdict> verdictReader;
    private final RecentVerdicts recent;
    private final CommittedTopicReader reader;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicLong unreadable = new AtomicLong();

    ImageFeed(KafkaEndpoints cluster, SchemaRegistry registry, TopicsConfiguration topics, FeedConfiguration config) {
        this.verdictReader = new KafkaAvroDeserializer<>(registry, ImageVerdict.class);
        this.recent = new RecentVerdicts(config.getRecentImages());
        this.reader = new CommittedTopicReader("image-feed", cluster, List.of(topics.getImageVerdicts()),
                config.getRecentImages(), config.getMaxRetryBackoff(), this::accept, connected::set);
    }

    @PostConstruct
    void start() {
        reader.start();
    }

    /** Up to {@code limit} verdicts, newest first. */
    public List<ImageVerdict> recent(int limit) {
        return recent.newest(limit);
    }

    /** The verdict on {@code imageId}, while it is among the recent ones. */
    public Optional<ImageVerdict> verdict(String imageId) {
        return recent.of(imageId);
    }

    /** Whether the feed is reading the topic now. */
    public boolean connected() {
        return connected.get();
    }

    /** Records skipped because they could not be decoded. */
    public long unreadable() {
        return unreadable.get();
    }

    private void accept(ConsumerRecord<byte[], byte[]> r, boolean live) {
        try {
            ImageVerdict verdict = verdictReader.deserialize(r.topic(), r.value());
            if (verdict != null) {
                recent.add(verdict);
            }
        } catch (SerializationException e) {
            unreadable.incrementAndGet();
            LOG.warn("Image feed skips {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    /** Stops the reader's thread and closes its consumer (waits for both). */
    @PreDestroy
    @Override
    public void close() {
        reader.close();
    }
}
