package dev.anogan.stream.topology;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * End-to-end streaming benchmark through the embedded broker with exactly-once: for each method, patches are
 * produced at a steady rate and the latency of each is the time from its send (the record's CreateTime, which the
 * score keeps) until a read_committed consumer sees its score; throughput is patches over the time from the first
 * send to the last score. Run by {@code scripts/benchmark-streaming.sh}.
 */
public final class StreamingBenchmark {

    private static final String USAGE = """
            scripts/benchmark-streaming.sh [options]
              --methods LIST   comma-separated methods (default: egbad,egbad-ce,hybrid; anogan is slow: ask for it)
              --patches N      measured patches per method (default 1000), after 50 warm-up patches
              --rate R         patches per second sent (default 200; 0: as fast as possible)
              --batch N        patches per streams batch (default 32)
              --wait MS        longest wait of a part batch, ms (default 20)
              --steps N        search steps for anogan/hybrid (default: the manifest's)
              --commit-ms MS   Kafka Streams commit interval, ms (default 100)
              --json FILE      also write the results as JSON
            """;
    private static final int WARM_UP = 50;

    private StreamingBenchmark() {
    }

    /** One method's results. */
    record Row(String method, int steps, int patches, double patchesPerSec, double p50, double p95, double p99) {
    }

    record Options(List<String> methods, int patches, int rate, int batch, int waitMs, OptionalInt steps,
                   int commitMs, Optional<Path> json) {

        static Options parse(String[] args) {
            List<String> methods = List.of("egbad", "egbad-ce", "hybrid");
            int patches = 1000;
            int rate = 200;
            int batch = 32;
            int waitMs = 20;
            OptionalInt steps = OptionalInt.empty();
            int commitMs = 100;
            Optional<Path> json = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--methods" -> methods = Arrays.asList(value.split(","));
                    case "--patches" -> patches = Integer.parseInt(value);
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--wait" -> waitMs = Integer.parseInt(value);
                    case "--steps" -> steps = OptionalInt.of(Integer.parseInt(value));
                    case "--commit-ms" -> commitMs = Integer.parseInt(value);
                    case "--json" -> json = Optional.of(Path.of(value));
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
                i++;
            }
            return new Options(methods, patches, rate, batch, waitMs, steps, commitMs, json);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<Row> rows = new ArrayList<>();
        Path state = Files.createDirectories(Path.of("target", "benchmark-streaming-state"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral())) {
            for (String method : options.methods()) {
                rows.add(run(kafka, method, options, state.resolve(method)));
                System.err.println("done: " + method);
            }
        }
        String table = table(rows, options);
        System.out.print(table);
        if (options.json().isPresent()) {
            Files.writeString(options.json().get(), json(rows, options));
        }
    }

    private static Row run(EmbeddedKafka kafka, String method, Options options, Path stateDir) throws Exception {
        BrokerHarness harness = new BrokerHarness(kafka, 1);
        String topic = harness.topics.getPatches();
        try (StreamingFixture fixture = new StreamingFixture(method, options.steps(), UnaryOperator.identity())) {
            Properties props = harness.streamsProperties(stateDir);
            props.put("commit.interval.ms", options.commitMs());
            BatchPolicy policy = new BatchPolicy(options.batch(), Duration.ofMillis(options.waitMs()));
            List<byte[]> warmUp = new ArrayList<>();
            List<byte[]> measured = new ArrayList<>();
            for (int i = 0; i < WARM_UP; i++) {
                warmUp.add(fixture.bytes(topic, ImagePatch.newBuilder(StreamingFixture.patch(i))
                        .setPatchId("warm-" + i).build()));
            }
            for (int i = 0; i < options.patches(); i++) {
                measured.add(fixture.bytes(topic, StreamingFixture.patch(i % 10_000)));
            }
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics, policy), props);
                 KafkaProducer<byte[], byte[]> producer = harness.producer();
                 KafkaConsumer<byte[], PatchScore> consumer = harness.consumer(fixture.registry(), PatchScore.class)) {
                consumer.subscribe(List.of(harness.topics.getScores()));
                warmUp.forEach(v -> producer.send(new ProducerRecord<>(topic, v)));
                producer.flush();
                collect(consumer, WARM_UP, new ArrayList<>());

                long firstSend = System.currentTimeMillis();
                CompletableFuture<Void> sending = CompletableFuture.runAsync(
                        () -> send(producer, topic, measured, options.rate()));
                List<Long> latencies = new ArrayList<>();
                long lastSeen = collect(consumer, measured.size(), latencies);
                sending.get();
                double seconds = (lastSeen - firstSend) / 1e3;
                long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                return new Row(method, fixture.scorer().method().steps(), sorted.length, sorted.length / seconds,
                        rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99));
            }
        }
    }

    /** Sends at {@code rate} per second (0: at once), pacing by the clock so that slow sends catch up. */
    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, List<byte[]> values, int rate) {
        long start = System.nanoTime();
        for (int i = 0; i < values.size(); i++) {
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            producer.send(new ProducerRecord<>(topic, values.get(i)));
        }
        producer.flush();
    }

    /** Reads {@code count} scores, adding each latency (ms); returns when the last one was seen. */
    private static long collect(KafkaConsumer<byte[], PatchScore> consumer, int count, List<Long> latencies) {
        int seen = 0;
        long last = System.currentTimeMillis();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (seen < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + count + " scores within 10 minutes");
            }
            for (ConsumerRecord<byte[], PatchScore> r : consumer.poll(Duration.ofMillis(20))) {
                last = System.currentTimeMillis();
                latencies.add(last - r.timestamp());
                seen++;
            }
        }
        return last;
    }

    private static double rank(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    private static String table(List<Row> rows, Options options) {
        StringBuilder out = new StringBuilder();
        out.append("| method | steps | patches | patches/s | p50 ms | p95 ms | p99 ms |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %.0f | %.0f |%n", r.method(),
                    r.steps(), r.patches(), r.patchesPerSec(), r.p50(), r.p95(), r.p99()));
        }
        out.append(String.format(Locale.ROOT, "%nexactly_once_v2 on the embedded KRaft broker, read_committed consumer;"
                        + " sent at %s, batch %d, wait %d ms, commit interval %d ms%n",
                options.rate() > 0 ? options.rate() + " patches/s" : "full speed", options.batch(), options.waitMs(),
                options.commitMs()));
        return out.toString();
    }

    private static String json(List<Row> rows, Options options) {
        StringBuilder out = new StringBuilder("{\n  \"rate\": ").append(options.rate())
                .append(",\n  \"batch\": ").append(options.batch())
                .append(",\n  \"wait_ms\": ").append(options.waitMs())
                .append(",\n  \"commit_interval_ms\": ").append(options.commitMs())
                .append(",\n  \"processing_guarantee\": \"exactly_once_v2\",\n  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.append(String.format(Locale.ROOT, "    {\"method\": \"%s\", \"steps\": %d, \"patches\": %d,"
                            + " \"patches_per_sec\": %.2f, \"p50_ms\": %.1f, \"p95_ms\": %.1f, \"p99_ms\": %.1f}%s%n",
                    r.method(), r.steps(), r.patches(), r.patchesPerSec(), r.p50(), r.p95(), r.p99(),
                    i + 1 < rows.size() ? "," : ""));
        }
        return out.append("  ]\n}\n").toString();
    }
}
