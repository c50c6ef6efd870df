package dev.anogan.stream.embedded;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.kafka.KafkaAvroSerializer;
import dev.anogan.stream.kafka.KafkaEndpoints;
import dev.anogan.stream.publish.ImagePublisher;
import dev.anogan.stream.publish.ImagePublisher.PublishedImage;
import dev.anogan.stream.publish.ImageTiler;
import dev.anogan.stream.publish.PngFolder;
import dev.anogan.stream.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo scanner's whole images: the PNG files of a folder, one after another and round again, each tiled and
 * published with its geometry by the {@code publish} command's {@link ImagePublisher} at a steady rate. A file it
 * cannot publish (not a PNG, other channels than the model's) is skipped with one warning. Owns its producer and
 * thread; {@link #close()} stops both.
 */
public final class DemoImageScanner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoImageScanner.class);

    private final List<Path> files;
    private final KafkaProducer<byte[], ImagePatch> producer;
    private final ImagePublisher publisher;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-image-scanner");
        t.setDaemon(true);
        return t;
    });
    private final Set<Path> refused = new HashSet<>();
    private final AtomicLong sent = new AtomicLong();
    private long next;

    private DemoImageScanner(List<Path> files, KafkaProducer<byte[], ImagePatch> producer, String topic,
                             ImageTiler tiler, int channels) {
        this.files = List.copyOf(files);
        this.producer = producer;
        this.publisher = new ImagePublisher(producer, topic, tiler, channels);
    }

    /**
     * Starts publishing {@code files} to {@code topic}, {@code rate} images a second.
     *
     * @param channels the model's channels: images with others are skipped
     */
    static DemoImageScanner start(List<Path> files, KafkaEndpoints cluster, SchemaRegistry registry, String topic,
                                  ImageTiler tiler, int channels, double rate) {
        Properties props = cluster.producerProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, DemoPatches.SOURCE_ID + "-images");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        DemoImageScanner scanner = new DemoImageScanner(files, new KafkaProducer<>(props, new ByteArraySerializer(),
                new KafkaAvroSerializer<>(registry)), topic, tiler, channels);
        long periodMicros = Math.max(1, Math.round(1e6 / rate));
        scanner.thread.scheduleAtFixedRate(scanner::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
        LOG.info("Demo scanner publishing {} images/s from {} PNG files", rate, files.size());
        return scanner;
    }

    /**
     * The PNG files of the demo's folder, sorted by name.
     *
     * @throws IllegalStateException naming {@code anogan.demo.images-folder} when it cannot be read or holds none
     */
    static List<Path> pngsIn(Path folder) {
        List<Path> files;
        try {
            files = PngFolder.of(folder);
        } catch (IOException e) {
            throw new IllegalStateException(DemoConfiguration.IMAGES_FOLDER + ": cannot read " + folder + " ("
                    + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException(DemoConfiguration.IMAGES_FOLDER + ": " + folder + " holds no .png file");
        }
        return files;
    }

    /** Images published so far. */
    public long sent() {
        return sent.get();
    }

    private void tick() {
        Path file = files.get((int) (next++ % files.size()));
        if (refused.contains(file)) {
            return;
        }
        try {
            PublishedImage image = publisher.publish(file);
            sent.incrementAndGet();
            LOG.debug("Demo scanner published {} as {} patches", image.imageId(), image.patches());
        } catch (IllegalArgumentException e) {
            refused.add(file);
            LOG.warn("Demo scanner skips {}: {}", file, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | IOException | RuntimeException e) {
            // A scheduled task that throws is never run again: log and go on with the next image.
            LOG.warn("Demo scanner: cannot publish {}: {}", file, e.toString());
        }
    }

    /** Stops publishing and closes the producer. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        LOG.info("Demo scanner stopped after {} images", sent.get());
    }
}
