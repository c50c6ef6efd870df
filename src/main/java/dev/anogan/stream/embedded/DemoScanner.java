package dev.anogan.stream.embedded;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.kafka.KafkaAvroSerializer;
import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.registry.SchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes demo patches to the input topic at a steady rate, like a scanner would: its own producer, the real
 * serializer and registry, the patch id as the key. Owns its producer and thread; {@link #close()} stops both.
 */
public final class DemoScanner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoScanner.class);
    private static final Duration TICK = Duration.ofMillis(50);

    private final DemoPatches patches;
    private final KafkaProducer<String, ImagePatch> producer;
    private final String topic;
    private final double perTick;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-scanner");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private double due;

    private DemoScanner(DemoPatches patches, KafkaProducer<String, ImagePatch> producer, String topic, double rate) {
        this.patches = patches;
        this.producer = producer;
        this.topic = topic;
        this.perTick = rate * TICK.toMillis() / 1000.0;
    }

    /** Starts publishing {@code rate} patches per second to {@code topic}. */
    static DemoScanner start(DemoPatches patches, KafkaEndpoints cluster, SchemaRegistry registry, String topic,
                             double rate) {
        Properties props = cluster.producerProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, DemoPatches.SOURCE_ID);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        DemoScanner scanner = new DemoScanner(patches, new KafkaProducer<>(props, new StringSerializer(),
                new KafkaAvroSerializer<>(registry)), topic, rate);
        scanner.thread.scheduleAtFixedRate(scanner::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Demo scanner publishing {} patches/s to {}", rate, topic);
        return scanner;
    }

    /** Patches handed to the producer so far. */
    public long sent() {
        return sent.get();
    }

    private void tick() {
        due += perTick;
        try {
            while (due >= 1) {
                due--;
                ImagePatch patch = patches.next(sent.get(), Instant.now());
                producer.send(new ProducerRecord<>(topic, patch.getPatchId(), patch), (metadata, e) -> {
                    if (e != null && failed.getAndIncrement() % 100 == 0) {
                        LOG.warn("Demo scanner: a patch was not published ({} so far): {}", failed.get(), e.toString());
                    }
                });
                sent.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and go on with the next tick.
            LOG.warn("Demo scanner: cannot publish: {}", e.toString());
        }
    }

    /** Stops publishing and flushes what was sent. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        LOG.info("Demo scanner stopped after {} patches", sent.get());
    }
}
