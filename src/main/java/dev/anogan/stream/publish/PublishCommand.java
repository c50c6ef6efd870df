package dev.anogan.stream.publish;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.kafka.KafkaAvroSerializer;
import dev.anogan.stream.model.BundleException;
import dev.anogan.stream.model.BundleLoader;
import dev.anogan.stream.model.InputSpec;
import dev.anogan.stream.model.Manifest;
import dev.anogan.stream.publish.ImagePublisher.PublishedImage;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.RegistryConfiguration;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code java -jar anogan-stream.jar publish [options] IMAGE|FOLDER...}: the reference scanner. Tiles PNG images
 * with the bundle's patch size and publishes the tiles with their image's geometry through the schema registry;
 * a line per image as it goes, a summary at the end. Exit status 0 when every image was published, 1 when some
 * were not (each said why), 2 on bad options or an unreadable bundle.
 */
public final class PublishCommand {

    /** Longest the producer waits for the cluster's metadata, and for a tile to be acknowledged. */
    private static final int MAX_BLOCK_MS = 15_000;
    private static final int DELIVERY_TIMEOUT_MS = 30_000;

    private PublishCommand() {
    }

    /** Runs the command; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(PublishOptions.USAGE);
            return 0;
        }
        PublishOptions options;
        Manifest manifest;
        try {
            options = PublishOptions.parse(args);
            manifest = BundleLoader.readManifest(options.bundle());
        } catch (IllegalArgumentException | BundleException e) {
            err.println("publish: " + e.getMessage());
            err.print(PublishOptions.USAGE);
            return 2;
        }
        InputSpec spec = manifest.input();
        Tiling tiling = Tiling.forBundle(manifest, options.stride());
        List<Path> files = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path input : options.inputs()) {
            try {
                files.addAll(PngFolder.of(input));
            } catch (IOException e) {
                failures.add(input + ": cannot be read (" + e.getMessage() + ")");
                err.println(failures.get(failures.size() - 1));
            }
        }
        out.printf("Publishing %d images to %s at %s: %dx%d patches, stride %d, %d channel(s)%n", files.size(),
                options.topic(), options.bootstrapServers(), tiling.size(), tiling.size(), tiling.stride(),
                spec.channels());
        long started = System.nanoTime();
        int images = 0;
        long patches = 0;
        RegistryClient registry = new RegistryClient(registry(options.registryUrl()));
        try (KafkaProducer<byte[], ImagePatch> producer = new KafkaProducer<>(producerProperties(options),
                new ByteArraySerializer(), new KafkaAvroSerializer<>(registry))) {
            ImagePublisher publisher = new ImagePublisher(producer, options.topic(),
                    new ImageTiler(tiling, options.sourceId()), spec.channels());
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                try {
                    PublishedImage image = publisher.publish(file);
                    images++;
                    patches += image.patches();
                    out.printf("[%d/%d] %s: %s %s, %d patches as %s%n", i + 1, files.size(), file,
                            image.header().size(), image.header().describe(), image.patches(), image.imageId());
                } catch (IllegalArgumentException | IOException | ExecutionException e) {
                    failures.add(file + ": " + message(e));
                    err.printf("[%d/%d] %s%n", i + 1, files.size(), failures.get(failures.size() - 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(file + ": interrupted");
                    break;
                }
            }
        }
        out.printf("Published %d images (%d patches) in %.1f s; %d failed%n", images, patches,
                (System.nanoTime() - started) / 1e9, failures.size());
        failures.forEach(failure -> out.println("  failed: " + failure));
        return failures.isEmpty() ? 0 : 1;
    }

    private static RegistryConfiguration registry(String url) {
        RegistryConfiguration config = new RegistryConfiguration();
        config.setUrl(URI.create(url));
        return config;
    }

    private static Properties producerProperties(PublishOptions options) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS / 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        return props;
    }

    private static String message(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }
}
