package dev.anogan.stream.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.batching.BatchingConfiguration;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;

/**
 * End-to-end streaming benchmark through the embedded broker with exactly-once: for each method, patches are
 * produced at a steady rate and the latency of each is the time from its send (the record's CreateTime, which the
 * score keeps) until a read_committed consumer sees its score; throughput is patches over the time from the first
 * send to the last score. Optionally samples the resident memory, for long replays. Run by
 * {@code scripts/benchmark-streaming.sh}.
 */
public final class StreamingBenchmark {

    /** Distinct patches sent; longer runs send them again. */
    private static final int DISTINCT = 10_000;
    private static final int LATENCY_LIMIT_MS = 600_000;
    /** Output topics keep at most this much per partition, so that a long replay does not fill the disk. */
    private static final Map<String, String> OUTPUT_RETENTION = Map.of("retention.bytes", "268435456",
            "segment.bytes", "67108864");

    private static final List<String> COLUMNS = List.of("method", "steps", "partitions", "threads", "batch",
            "wait ms", "commit ms", "sent/s", "patches", "patches/s", "core patches/s", "% of core", "p50 ms",
            "p95 ms", "p99 ms", "model batch", "model ms/patch", "CPU ms/patch", "load before", "load after");

    private StreamingBenchmark() {
    }

    /**
     * One method's results. {@code corePatchesPerSec} is the scoring core's own throughput measured just before
     * ({@link CoreThroughput}; NaN when skipped). {@code meanBatch} and {@code modelMsPerPatch} are the model
     * calls' mean size and the model's time per patch, as the scores report them. {@code cpuMsPerPatch} is the
     * whole process's CPU time (broker, streams, batcher, the benchmark's own clients) per measured patch:
     * steadier than the wall clock on a shared machine. The load averages are Linux's before and after the
     * measured part.
     */
    record Row(String method, int steps, int partitions, int threads, int batch, int waitMs, int commitMs, int rate,
               double corePatchesPerSec, long patches, double patchesPerSec, double p50Ms, double p95Ms,
               double p99Ms, double meanBatch, double modelMsPerPatch, double cpuMsPerPatch, String loadBefore,
               String loadAfter, List<MemorySampler.Sample> memory) {
    }

    public static void main(String[] args) throws Exception {
        StreamingOptions options = StreamingOptions.parse(args);
        List<Row> rows = new ArrayList<>();
        Path state = Files.createDirectories(Path.of("target", "benchmark-streaming-state"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral())) {
            for (String method : options.methods()) {
                rows.add(run(kafka, method, options, state.resolve(method)));
                System.err.println("done: " + method);
            }
        }
        System.out.print(table(rows));
        if (options.json().isPresent()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("processing_guarantee", StreamsConfig.EXACTLY_ONCE_V2);
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.put("streams_properties", options.streamsProperties());
            report.put("rows", rows);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.json().get().toFile(),
                    report);
        }
    }

    private static Row run(EmbeddedKafka kafka, String method, StreamingOptions options, Path stateDir)
            throws Exception {
        BrokerHarness harness = new BrokerHarness(kafka, options.partitions(), OUTPUT_RETENTION);
        String topic = harness.topics.getPatches();
        try (StreamingFixture fixture = new StreamingFixture(method, options.steps(), UnaryOperator.identity())) {
            Properties props = harness.streamsProperties(stateDir);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.commitMs());
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads());
            props.putAll(options.streamsProperties());
            BatchPolicy policy = new BatchPolicy(options.batch(), Duration.ofMillis(options.waitMs()));
            double core = options.coreSeconds() > 0 ? CoreThroughput.patchesPerSec(fixture.batcher(), options.batch(),
                    2 * new BatchingConfiguration().getWorkers(), Duration.ofSeconds(options.coreSeconds()))
                    : Double.NaN;
            List<ImagePatch> warmUp = new ArrayList<>();
            for (int i = 0; i < Math.min(options.warmUp(), DISTINCT); i++) {
                warmUp.add(ImagePatch.newBuilder(StreamingFixture.patch(i)).setPatchId("warm-" + i).build());
            }
            List<ImagePatch> measured = StreamingFixture.patches(Math.min(options.patches(), DISTINCT));
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics, policy), props,
                    fixture.meters(), fixture.monitor());
                 KafkaProducer<byte[], byte[]> producer = harness.producer();
                 KafkaConsumer<byte[], PatchScore> consumer = harness.consumer(fixture.registry(), PatchScore.class)) {
                consumer.subscribe(List.of(harness.topics.getScores()));
                send(producer, topic, records(fixture, topic, warmUp), options.warmUp(), 0);
                collect(consumer, options.warmUp(), new ScoreTally(LATENCY_LIMIT_MS));

                String loadBefore = loadAverage();
                List<ProducerRecord<byte[], byte[]>> values = records(fixture, topic, measured);
                ScoreTally tally = new ScoreTally(LATENCY_LIMIT_MS);
                Optional<MemorySampler> sampler = options.rssEverySeconds() > 0
                        ? Optional.of(new MemorySampler(options.rssEverySeconds(), tally::count)) : Optional.empty();
                try {
                    long cpuBefore = processCpuNanos();
                    long firstSend = System.currentTimeMillis();
                    CompletableFuture<Void> sending = CompletableFuture.runAsync(
                            () -> send(producer, topic, values, options.patches(), options.rate()));
                    long lastSeen = collect(consumer, options.patches(), tally);
                    sending.get();
                    double seconds = (lastSeen - firstSend) / 1e3;
                    double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
                    return new Row(method, fixture.scorer().method().steps(), options.partitions(), options.threads(),
                            options.batch(), options.waitMs(), options.commitMs(), options.rate(), core, tally.count(),
                            tally.count() / seconds, tally.percentile(0.50), tally.percentile(0.95),
                            tally.percentile(0.99), tally.meanBatch(), tally.modelMsPerPatch(),
                            cpuMs / tally.count(), loadBefore, loadAverage(),
                            sampler.map(MemorySampler::stop).orElse(List.of()));
                } finally {
                    sampler.ifPresent(MemorySampler::close);
                }
            }
        }
    }

    /** Keyed by patch id, so that the records spread over the input partitions. */
    private static List<ProducerRecord<byte[], byte[]>> records(StreamingFixture fixture, String topic,
                                                              List<ImagePatch> patches) {
        return patches.stream().map(p -> new ProducerRecord<>(topic, p.getPatchId().getBytes(StandardCharsets.UTF_8),
                fixture.bytes(topic, p))).toList();
    }

    /**
     * Sends {@code count} records, cycling through {@code values}, at {@code rate} per second (0: at once), pacing
     * by the clock so that slow sends catch up. A record sent again gets a fresh timestamp.
     */
    private static void send(KafkaProducer<byte[], byte[]> producer, String topic,
                             List<ProducerRecord<byte[], byte[]>> values, long count, int rate) {
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            if (rate > 0) {
                long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            ProducerRecord<byte[], byte[]> value = values.get((int) (i % values.size()));
            producer.send(new ProducerRecord<>(topic, value.key(), value.value()));
        }
        producer.flush();
    }

    /** Reads {@code count} scores into {@code tally}; returns when the last one was seen. */
    private static long collect(KafkaConsumer<byte[], PatchScore> consumer, long count, ScoreTally tally) {
        long last = System.currentTimeMillis();
        long idleSince = System.nanoTime();
        while (tally.count() < count) {
            if (System.nanoTime() - idleSince > Duration.ofMinutes(2).toNanos()) {
                throw new IllegalStateException("only " + tally.count() + " of " + count
                        + " scores, none for 2 minutes");
            }
            for (ConsumerRecord<byte[], PatchScore> r : consumer.poll(Duration.ofMillis(20))) {
                last = System.currentTimeMillis();
                idleSince = System.nanoTime();
                tally.add(last - r.timestamp(), r.value());
            }
        }
        return last;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Linux's 1-, 5- and 15-minute load averages. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException e) {
            return "?";
        }
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("| ").append(String.join(" | ", COLUMNS)).append(" |\n")
                .append("|---".repeat(COLUMNS.size())).append("|\n");
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s | %d | %.1f | %.0f | %.0f"
                            + " | %.0f | %.0f | %.0f | %.1f | %.3f | %.2f | %s | %s |%n", r.method(), r.steps(),
                    r.partitions(), r.threads(), r.batch(), r.waitMs(), r.commitMs(),
                    r.rate() > 0 ? String.valueOf(r.rate()) : "max", r.patches(), r.patchesPerSec(),
                    r.corePatchesPerSec(), 100 * r.patchesPerSec() / r.corePatchesPerSec(), r.p50Ms(), r.p95Ms(),
                    r.p99Ms(), r.meanBatch(), r.modelMsPerPatch(), r.cpuMsPerPatch(), r.loadBefore(), r.loadAfter()));
        }
        out.append("\nexactly_once_v2 on the embedded KRaft broker, read_committed consumer\n");
        for (Row r : rows) {
            if (!r.memory().isEmpty()) {
                out.append(String.format(Locale.ROOT, "%n%s resident memory:%n| seconds | patches scored"
                        + " | RSS MiB | heap used MiB |%n|---|---|---|---|%n", r.method()));
                r.memory().forEach(s -> out.append(String.format(Locale.ROOT, "| %.0f | %d | %.1f | %.1f |%n",
                        s.seconds(), s.patches(), s.rssMib(), s.heapUsedMib())));
            }
        }
        return out.toString();
    }
}
