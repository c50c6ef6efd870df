package dev.anogan.stream.topology;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.images.ImagesConfiguration;
import dev.anogan.stream.kafka.KafkaAvroSerializer;
import dev.anogan.stream.publish.ImagePublisher;
import dev.anogan.stream.publish.ImageTiler;
import dev.anogan.stream.publish.Tiling;
import dev.anogan.stream.testing.Mosaics;
import dev.anogan.stream.testing.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The streaming benchmark's images row: whole images (mosaics of Fashion-MNIST test patches) published as the
 * {@code publish} command publishes them ({@link ImagePublisher}: tiled at the bundle's patch size and stride, all
 * tiles of an image back to back, keyed by image, acknowledged image by image), scored by streams instances that
 * run the image part at the service's defaults, and their verdicts read by a read_committed consumer. Latency is
 * from an image's capture time, which the publisher takes just before it tiles and sends the image and which the
 * verdict keeps, to the verdict being read; throughput is images over the time from the first send to the last
 * verdict.
 */
final class ImagesRun {

    /** Distinct mosaics written; longer runs publish them again, each time as a new image. */
    private static final int DISTINCT = 50;
    /** How long the reader waits after the last expected verdict for any that would repeat one. */
    private static final Duration REPEAT_WAIT = Duration.ofSeconds(2);
    private static final List<String> COLUMNS = List.of("broker", "method", "partitions", "threads", "instances",
            "batch", "wait ms", "commit ms", "image px", "tiles/image", "sent tiles/s", "images", "verdicts",
            "COMPLETE", "one verdict each", "images/s", "tiles/s", "core patches/s", "% of core", "p50 ms", "p95 ms",
            "p99 ms", "CPU ms/image", "load before", "load after");

    private ImagesRun() {
    }

    /**
     * One method's images on one broker. {@code verdicts} counts every verdict read, repeats included;
     * {@code imagesWithVerdict} the images that had one; {@code complete} the COMPLETE ones. The other figures are
     * as in the patch rows ({@link StreamingBenchmark.Row}), per image or per tile.
     */
    record Row(String broker, String method, int partitions, int threads, int instances, int batch, int waitMs,
               int commitMs, int imageSide, int tilesPerImage, int rate, long images, long verdicts,
               long imagesWithVerdict, long complete, double imagesPerSec, double tilesPerSec,
               double corePatchesPerSec, double p50Ms, double p95Ms, double p99Ms, double cpuMsPerImage,
               String loadBefore, String loadAfter) {

        /** Every image sent got exactly one verdict. */
        boolean oneVerdictEach() {
            return verdicts == images && imagesWithVerdict == images;
        }
    }

    /** Writes the distinct mosaics, {@code grid} x {@code grid} test patches each, as PNGs in {@code folder}. */
    static List<Path> mosaics(Path folder, int grid) {
        int cells = grid * grid;
        return IntStream.range(0, DISTINCT).mapToObj(k -> Mosaics.write(folder.resolve("mosaic-" + k + ".png"), grid,
                IntStream.range(0, cells).map(j -> (k * cells + j) % Workload.MNIST.size()).boxed().toList()))
                .toList();
    }

    static Row run(BenchmarkBroker broker, String method, StreamingOptions options, Path stateDir,
                   List<Path> mosaics) throws Exception {
        BrokerHarness harness = new BrokerHarness(broker.bootstrapServers(), options.partitions(),
                StreamingBenchmark.OUTPUT_RETENTION);
        try (StreamingFixture fixture = new StreamingFixture(method, options.steps(), UnaryOperator.identity());
             StreamsInstances instances = new StreamsInstances(fixture, harness, broker.bootstrapServers(), options,
                     stateDir, Optional.of(new ImagesConfiguration().policy()));
             KafkaProducer<byte[], ImagePatch> producer = harness.producer(
                     new KafkaAvroSerializer<>(fixture.client()));
             KafkaConsumer<byte[], ImageVerdict> consumer = harness.consumer(fixture.registry(),
                     ImageVerdict.class)) {
            for (int i = 0; i < options.instances(); i++) {
                instances.add();
            }
            Tiling tiling = Tiling.forBundle(fixture.manifest(), OptionalInt.empty());
            int side = options.imageGrid() * Mosaics.SIDE;
            int tilesPerImage = tiling.offsets(side).size() * tiling.offsets(side).size();
            ImagePublisher publisher = new ImagePublisher(producer, harness.topics.getPatches(),
                    new ImageTiler(tiling, "benchmark"), fixture.manifest().input().channels());
            double imagesPerSecond = (double) options.rate() / tilesPerImage;
            consumer.subscribe(List.of(harness.topics.getImageVerdicts()));

            // the warm-up, at full speed: the JIT needs it, and the group settles
            int warmUpImages = (options.warmUp() + tilesPerImage - 1) / tilesPerImage;
            VerdictTally warmUp = new VerdictTally();
            publish(publisher, mosaics, warmUpImages, 0);
            StreamingBenchmark.collect(consumer, warmUpImages, warmUp::images, (r, at) -> add(warmUp, r, at));
            double coreBefore = StreamingBenchmark.core(fixture, options);

            String loadBefore = StreamingBenchmark.loadAverage();
            VerdictTally tally = new VerdictTally();
            long cpuBefore = StreamingBenchmark.processCpuNanos();
            long firstSend = System.currentTimeMillis();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(
                    () -> publish(publisher, mosaics, options.images(), imagesPerSecond));
            long lastSeen = StreamingBenchmark.collect(consumer, options.images(), tally::images,
                    (r, at) -> add(tally, r, at));
            sending.get();
            double seconds = (lastSeen - firstSend) / 1e3;
            double cpuMs = (StreamingBenchmark.processCpuNanos() - cpuBefore) / 1e6;
            for (ConsumerRecord<byte[], ImageVerdict> r : consumer.poll(REPEAT_WAIT)) {
                add(tally, r, System.currentTimeMillis());
            }
            double core = (coreBefore + StreamingBenchmark.core(fixture, options)) / 2;
            VerdictTally.Counts counts = tally.counts();
            return new Row(broker.name(), method, options.partitions(), options.threads(), options.instances(),
                    options.batch(), options.waitMs(), options.commitMs(), side, tilesPerImage, options.rate(),
                    options.images(), counts.verdicts(), counts.images(), counts.complete(), tally.images() / seconds,
                    tally.images() * tilesPerImage / seconds, core, tally.percentile(0.50), tally.percentile(0.95),
                    tally.percentile(0.99), cpuMs / tally.images(), loadBefore, StreamingBenchmark.loadAverage());
        }
    }

    private static void add(VerdictTally tally, ConsumerRecord<byte[], ImageVerdict> verdict, long seenAt) {
        tally.add(seenAt - verdict.value().getCaptureTime().toEpochMilli(), verdict.value());
    }

    /** Publishes {@code count} images, cycling through {@code mosaics}, at {@code perSecond} (0: at once). */
    private static void publish(ImagePublisher publisher, List<Path> mosaics, long count, double perSecond) {
        Pacer pacer = new Pacer(perSecond);
        for (long i = 0; i < count && pacer.awaitTurn(i); i++) {
            try {
                publisher.publish(mosaics.get((int) (i % mosaics.size())));
            } catch (IOException | ExecutionException e) {
                throw new IllegalStateException("cannot publish image " + i + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String table(List<Row> rows) {
        StringBuilder out = StreamingBenchmark.header(COLUMNS);
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %d × %d | %d | %s | %d"
                            + " | %d | %d | %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %s | %s |%n",
                    r.broker(), r.method(), r.partitions(), r.threads(), r.instances(), r.batch(), r.waitMs(),
                    r.commitMs(), r.imageSide(), r.imageSide(), r.tilesPerImage(),
                    r.rate() > 0 ? String.valueOf(r.rate()) : "max", r.images(), r.verdicts(), r.complete(),
                    r.oneVerdictEach() ? "yes" : "no", r.imagesPerSec(), r.tilesPerSec(), r.corePatchesPerSec(),
                    100 * r.tilesPerSec() / r.corePatchesPerSec(), r.p50Ms(), r.p95Ms(), r.p99Ms(),
                    r.cpuMsPerImage(), r.loadBefore(), r.loadAfter()));
        }
        return out.append("\nexactly_once_v2, read_committed consumer; the image part at the service's defaults;"
                + " latency from an image's capture time (taken just before its first tile is sent) to its verdict"
                + " read\n").toString();
    }
}
