package dev.anogan.stream.web;

import dev.anogan.stream.kafka.KafkaEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics as their downstream consumers do, for the dashboard's feeds: a thread of its own, a read_committed
 * consumer of byte arrays (keys are not the service's contract; values are decoded by the handler) assigned every
 * partition, starting {@code history} records back from each one's end. A cluster that is not up yet, or topics not
 * created yet, are retried with back-off doubling up to a maximum; after a reconnect it resumes where it left off.
 * Owns its consumer and thread; its owner closes it.
 */
final class CommittedTopicReader implements AutoCloseable {

    /** What to do with each record read. */
    interface Handler {
        /**
         * @param live false for records read back from before the reader started (history)
         */
        void accept(ConsumerRecord<byte[], byte[]> record, boolean live);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CommittedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final String name;
    private final KafkaEndpoints cluster;
    private final List<String> topics;
    private final int history;
    private final Duration maxRetryBackoff;
    private final Handler handler;
    private final Consumer<Boolean> connected;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** Per partition, the offset after the last record read; the reader thread's own, so a reconnect resumes there. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();

    /**
     * @param name      the thread's name and the consumer's client id
     * @param history   records per partition read back from before the start
     * @param connected told true once the topics are assigned, false when the connection is lost
     */
    CommittedTopicReader(String name, KafkaEndpoints cluster, List<String> topics, int history,
                         Duration maxRetryBackoff, Handler handler, Consumer<Boolean> connected) {
        this.name = name;
        this.cluster = cluster;
        this.topics = List.copyOf(topics);
        this.history = history;
        this.maxRetryBackoff = maxRetryBackoff;
        this.handler = handler;
        this.connected = connected;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
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
                LOG.warn("{} cannot read {} at {} ({}); retrying in {} s", name, topics, cluster.bootstrapServers(),
                        e.getMessage(), backoff.toSeconds());
                if (await(backoff)) {
                    return;
                }
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : doubled;
            } finally {
                consumer = null;
                connected.accept(false);
            }
        }
    }

    private void readUntilStopped(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> liveFrom) {
        connected.accept(true);
        while (!stopped()) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                TopicPartition partition = new TopicPartition(r.topic(), r.partition());
                handler.accept(r, r.offset() >= liveFrom.get(partition));
                resumeAt.put(partition, r.offset() + 1);
            }
        }
    }

    private Properties consumerProperties() {
        Properties props = cluster.consumerProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "anogan-" + name);
        return props;
    }

    /**
     * Assigns every partition of the topics and seeks {@code history} records back from each one's end, or, after
     * a reconnect, to where the reader left off.
     *
     * @return per partition, the first offset that is live (was not yet committed when the reader started)
     */
    private Map<TopicPartition, Long> assignAll(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
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
            c.seek(p, resume != null ? resume : Math.max(begin.get(p), end.get(p) - history));
            liveFrom.put(p, resume != null ? resume : end.get(p));
        }
        LOG.info("{} reads {} partitions of {}", name, partitions.size(), topics);
        return liveFrom;
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
