package dev.anogan.stream.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.batching.BatchingConfiguration;
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
import java.util.concurrent.CompletableFuture;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;

/**
 * End-to-end streaming benchmark with exactly-once, against each broker asked for ({@link BenchmarkBroker}: the
 * in-process one, a separate broker process, or a cluster of one's own): for each method, patches are produced
 * at a steady rate and the latency of each is the time from its send (the record's CreateTime, which the score
 * keeps) until a read_committed consumer sees its score; throughput is patches over the time from the first send
 * to the last score. The streams instances are configured as the service configures itself. Optionally samples
 * the resident memory, for long replays. In rebalance mode ({@code --rebalance}), instances join and leave under
 * load instead, and the run reports each partition's longest time without scores and the transactions the
 * broker rolled back for timeout. Unless {@code --images 0}, each method's patch row is followed by an images row
 * ({@link ImagesRun}): whole images, each image's verdict read. Run by {@code scripts/benchmark-streaming.sh}.
 */
public final class StreamingBenchmark {

    /** Distinct patches sent; longer runs send them again. */
    private static final int DISTINCT = 10_000;
    static final int LATENCY_LIMIT_MS = 600_000;
    /** Output topics keep at most this much per partition, so that a long replay does not fill the disk. */
    static final Map<String, String> OUTPUT_RETENTION = Map.of("retention.bytes", "268435456",
            "segment.bytes", "67108864");
    /** The broker looks for timed-out transactions this often (Kafka's default cleanup interval) ... */
    private static final Duration BROKER_TIMEOUT_CHECK = Duration.ofSeconds(10);
    /** ... and logs the rollback within this. */
    private static final Duration ROLLBACK_LOG_MARGIN = Duration.ofSeconds(5);

    private static final List<String> COLUMNS = List.of("broker", "method", "steps", "partitions", "threads",
            "instances", "CPUs service / broker", "batch", "wait ms", "commit ms", "sent/s", "patches", "anomalous %",
            "patches/s", "core patches/s", "% of core", "p50 ms", "p95 ms", "p99 ms", "model batch", "model ms/patch",
            "CPU ms/patch", "load before", "load after");
    private static final List<String> REBALANCE_COLUMNS = List.of("broker", "method", "partitions", "threads",
            "instances", "sent/s", "phase s", "sent", "scored", "longest without scores, ms (per partition; when it began)",
            "timeout rollbacks", "load before", "load after");

    private StreamingBenchmark() {
    }

    /**
     * One method's results on one broker. {@code corePatchesPerSec} is the scoring core's own throughput, the mean
     * of a measurement just before and one just after the measured part, both after the warm-up
     * ({@link CoreThroughput}; NaN when skipped). {@code meanBatch} and {@code modelMsPerPatch} are the
     * model calls' mean size and the model's time per patch, as the scores report them. {@code cpuMsPerPatch} is
     * the benchmark process's CPU time (streams, batcher, the benchmark's own clients, and the broker when it is in
     * process) per measured patch: steadier than the wall clock on a shared machine. The load averages are
     * Linux's before and after the measured part. {@code anomalousShare} is the share of the measured patches
     * judged anomalous: each of them also raised an alert with its images. {@code cpus} names the CPUs the
     * benchmark's JVM and a separate broker may run on ({@link #cpus}).
     */
    record Row(String broker, String method, int steps, int partitions, int threads, int instances, String cpus,
               int batch, int waitMs, int commitMs, int rate, double corePatchesPerSec, long patches,
               double anomalousShare, double patchesPerSec,
               double p50Ms, double p95Ms, double p99Ms, double meanBatch, double modelMsPerPatch,
               double cpuMsPerPatch, String loadBefore, String loadAfter, List<MemorySampler.Sample> memory) {
    }

    /**
     * One rebalance run: {@code instances} ran, one more joined after {@code phaseSeconds}, the first left after
     * twice that. {@code longestGaps} is each input partition's longest time without scores over the run;
     * {@code timeoutRollbacks} the transactions the broker rolled back for timeout (null: its log is not ours).
     */
    record RebalanceRow(String broker, String method, int partitions, int threads, int instances, int rate,
                        int phaseSeconds, long sent, long scored, List<PartitionGaps.Gap> longestGaps, Long timeoutRollbacks,
                        String loadBefore, String loadAfter) {
    }

    public static void main(String[] args) throws Exception {
        StreamingOptions options = StreamingOptions.parse(args);
        List<Row> rows = new ArrayList<>();
        List<RebalanceRow> rebalances = new ArrayList<>();
        List<ImagesRun.Row> imageRows = new ArrayList<>();
        Path target = Files.createDirectories(Path.of("target"));
        boolean withImages = options.images() > 0 && options.rebalanceSeconds() == 0;
        List<Path> mosaics = withImages ? ImagesRun.mosaics(Files.createDirectories(
                target.resolve("benchmark-images")), options.imageGrid()) : List.of();
        for (String kind : options.brokers()) {
            try (BenchmarkBroker broker = BenchmarkBroker.open(kind, target.resolve("benchmark-broker.log"),
                    options.brokerCpus())) {
                for (String method : options.methods()) {
                    Path state = Files.createDirectories(target.resolve("benchmark-streaming-state")
                            .resolve(broker.name() + "-" + method));
                    if (options.rebalanceSeconds() > 0) {
                        rebalances.add(rebalance(broker, method, options, state));
                    } else {
                        rows.add(run(broker, method, options, state));
                    }
                    if (withImages) {
                        imageRows.add(ImagesRun.run(broker, method, options, Files.createDirectories(
                                state.resolveSibling(state.getFileName() + "-images")), mosaics));
                    }
                    System.err.println("done: " + broker.name() + " " + method);
                }
            }
        }
        System.out.print(rows.isEmpty() ? rebalanceTable(rebalances) : table(rows));
        if (!imageRows.isEmpty()) {
            System.out.print("\n" + ImagesRun.table(imageRows));
        }
        if (options.json().isPresent()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("processing_guarantee", StreamsConfig.EXACTLY_ONCE_V2);
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.put("streams_properties", options.streamsProperties());
            report.put("rows", rows);
            report.put("rebalances", rebalances);
            report.put("images", imageRows);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.json().get().toFile(),
                    report);
        }
    }

    private static Row run(BenchmarkBroker broker, String method, StreamingOptions options, Path stateDir)
            throws Exception {
        BrokerHarness harness = new BrokerHarness(broker.bootstrapServers(), options.partitions(), OUTPUT_RETENTION);
        String topic = harness.topics.getPatches();
        try (StreamingFixture fixture = new StreamingFixture(method, options.steps(), UnaryOperator.identity())) {
            int distinct = Math.min(options.patches(), DISTINCT);
            List<ImagePatch> measured = options.anomalousShare().isPresent()
                    ? StreamingFixture.patches(distinct, options.anomalousShare().getAsDouble(),
                            fixture.normalClasses())
                    : StreamingFixture.patches(distinct);
            try (StreamsInstances instances = new StreamsInstances(fixture, harness, broker.bootstrapServers(),
                    options, stateDir, Optional.empty());
                 KafkaProducer<byte[], byte[]> producer = harness.producer();
                 KafkaConsumer<byte[], PatchScore> consumer = harness.consumer(fixture.registry(), PatchScore.class)) {
                for (int i = 0; i < options.instances(); i++) {
                    instances.add();
                }
                warmUp(fixture, harness, producer, consumer, options);
                double coreBefore = core(fixture, options);

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
                    long lastSeen = collect(consumer, options.patches(), tally, (key, at) -> { });
                    sending.get();
                    double seconds = (lastSeen - firstSend) / 1e3;
                    double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
                    double core = (coreBefore + core(fixture, options)) / 2;
                    return new Row(broker.name(), method, fixture.scorer().method().steps(), options.partitions(),
                            options.threads(), options.instances(), cpus(broker, options), options.batch(),
                            options.waitMs(), options.commitMs(), options.rate(), core, tally.count(),
                            tally.anomalousShare(), tally.count() / seconds,
                            tally.percentile(0.50), tally.percentile(0.95), tally.percentile(0.99), tally.meanBatch(),
                            tally.modelMsPerPatch(), cpuMs / tally.count(), loadBefore, loadAverage(),
                            sampler.map(MemorySampler::stop).orElse(List.of()));
                } finally {
                    sampler.ifPresent(MemorySampler::close);
                }
            }
        }
    }

    /**
     * Under load at {@code --rate}: {@code --instances} run for a phase, one more joins, a phase later the first
     * leaves, a phase more; then, once every score is in, waits out the transaction timeout after the last change
     * (and the broker's check for timed-out transactions) before reading the broker's count of rollbacks.
     */
    private static RebalanceRow rebalance(BenchmarkBroker broker, String method, StreamingOptions options,
                                          Path stateDir) throws Exception {
        BrokerHarness harness = new BrokerHarness(broker.bootstrapServers(), options.partitions(), OUTPUT_RETENTION);
        String topic = harness.topics.getPatches();
        long total = 3L * options.rebalanceSeconds() * options.rate();
        Duration phase = Duration.ofSeconds(options.rebalanceSeconds());
        try (StreamingFixture fixture = new StreamingFixture(method, options.steps(), UnaryOperator.identity());
             StreamsInstances instances = new StreamsInstances(fixture, harness, broker.bootstrapServers(), options,
                     stateDir, Optional.empty());
             KafkaProducer<byte[], byte[]> producer = harness.producer();
             KafkaConsumer<byte[], PatchScore> consumer = harness.consumer(fixture.registry(), PatchScore.class)) {
            for (int i = 0; i < options.instances(); i++) {
                instances.add();
            }
            warmUp(fixture, harness, producer, consumer, options);
            String loadBefore = loadAverage();
            OptionalLong rollbacksBefore = broker.timeoutRollbacks();
            List<ProducerRecord<byte[], byte[]>> values = records(fixture, topic,
                    StreamingFixture.patches((int) Math.min(total, DISTINCT)));
            PartitionGaps gaps = new PartitionGaps(options.partitions(), System.currentTimeMillis());
            CompletableFuture<Void> sending = CompletableFuture.runAsync(
                    () -> send(producer, topic, values, total, options.rate()));
            CompletableFuture<Long> changes = CompletableFuture.supplyAsync(() -> {
                pause(phase);
                System.err.println("an instance joins");
                instances.add();
                pause(phase);
                System.err.println("the first instance leaves");
                instances.closeOldest();
                return System.nanoTime();
            });
            ScoreTally tally = new ScoreTally(LATENCY_LIMIT_MS);
            collect(consumer, total, tally, gaps::seen);
            sending.get();
            long lastChange = changes.get();
            String loadAfter = loadAverage();
            Duration wait = instances.transactionTimeout().plus(BROKER_TIMEOUT_CHECK).plus(ROLLBACK_LOG_MARGIN)
                    .minusNanos(System.nanoTime() - lastChange);
            if (rollbacksBefore.isPresent() && !wait.isNegative()) {
                System.err.println("waiting " + wait.toSeconds() + " s for transactions to time out, if any");
                pause(wait);
            }
            Long rollbacks = rollbacksBefore.isPresent()
                    ? broker.timeoutRollbacks().getAsLong() - rollbacksBefore.getAsLong() : null;
            return new RebalanceRow(broker.name(), method, options.partitions(), options.threads(),
                    options.instances(), options.rate(), options.rebalanceSeconds(), total, tally.count(),
                    gaps.longestGaps(), rollbacks, loadBefore, loadAfter);
        }
    }

    /**
     * The scoring core's throughput now ({@link CoreThroughput}, its batcher fed by callers that never wait for
     * Kafka, while the streams instances idle); NaN when {@code --core-seconds} is 0.
     */
    static double core(StreamingFixture fixture, StreamingOptions options) throws Exception {
        return options.coreSeconds() > 0 ? CoreThroughput.patchesPerSec(fixture.batcher(), options.batch(),
                2 * new BatchingConfiguration().getWorkers(), Duration.ofSeconds(options.coreSeconds()))
                : Double.NaN;
    }

    /** Scores {@code --warm-up} patches at full speed first: the JIT needs them, and the group settles. */
    private static void warmUp(StreamingFixture fixture, BrokerHarness harness, KafkaProducer<byte[], byte[]> producer,
                               KafkaConsumer<byte[], PatchScore> consumer, StreamingOptions options) {
        List<ImagePatch> warmUp = new ArrayList<>();
        for (int i = 0; i < Math.min(options.warmUp(), DISTINCT); i++) {
            warmUp.add(ImagePatch.newBuilder(StreamingFixture.patch(i)).setPatchId("warm-" + i).build());
        }
        consumer.subscribe(List.of(harness.topics.getScores()));
        String topic = harness.topics.getPatches();
        send(producer, topic, records(fixture, topic, warmUp), options.warmUp(), 0);
        collect(consumer, options.warmUp(), new ScoreTally(LATENCY_LIMIT_MS), (key, at) -> { });
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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
        Pacer pacer = new Pacer(rate);
        for (long i = 0; i < count; i++) {
            if (!pacer.awaitTurn(i)) {
                return;
            }
            ProducerRecord<byte[], byte[]> value = values.get((int) (i % values.size()));
            producer.send(new ProducerRecord<>(topic, value.key(), value.value()));
        }
        producer.flush();
    }

    /** Reads {@code count} scores into {@code tally}, telling {@code seen} each key; returns when the last was seen. */
    private static long collect(KafkaConsumer<byte[], PatchScore> consumer, long count, ScoreTally tally,
                                ObjLongConsumer<byte[]> seen) {
        return collect(consumer, count, tally::count, (r, at) -> {
            tally.add(at - r.timestamp(), r.value());
            seen.accept(r.key(), at);
        });
    }

    /**
     * Hands {@code read} each record with the time it was seen until {@code counted} reaches {@code count}; returns
     * when the last was seen.
     */
    static <T> long collect(KafkaConsumer<byte[], T> consumer, long count, LongSupplier counted,
                            ObjLongConsumer<ConsumerRecord<byte[], T>> read) {
        long last = System.currentTimeMillis();
        long idleSince = System.nanoTime();
        while (counted.getAsLong() < count) {
            if (System.nanoTime() - idleSince > Duration.ofMinutes(2).toNanos()) {
                throw new IllegalStateException("only " + counted.getAsLong() + " of " + count
                        + " records, none for 2 minutes");
            }
            for (ConsumerRecord<byte[], T> r : consumer.poll(Duration.ofMillis(20))) {
                last = System.currentTimeMillis();
                idleSince = System.nanoTime();
                read.accept(r, last);
            }
        }
        return last;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The CPUs this JVM may run on and those of the broker: "0 / 1" when each has its own, "0-1 / shared" when a
     * separate broker runs anywhere, "0-1 / in process" for the embedded one.
     */
    static String cpus(BenchmarkBroker broker, StreamingOptions options) {
        String where = switch (broker.name()) {
            case BenchmarkBroker.IN_PROCESS -> "in process";
            case BenchmarkBroker.SEPARATE -> options.brokerCpus().orElse("shared");
            default -> "elsewhere";
        };
        return ownCpus() + " / " + where;
    }

    /** This process's CPU affinity as Linux lists it (e.g. "0-1"), "?" where it cannot be read. */
    private static String ownCpus() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Cpus_allowed_list:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** Linux's 1-, 5- and 15-minute load averages. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException e) {
            return "?";
        }
    }

    private static String table(List<Row> rows) {
        StringBuilder out = header(COLUMNS);
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %s | %d | %d | %d | %s | %d | %.0f"
                            + " | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %.3f | %.2f | %s | %s |%n", r.broker(),
                    r.method(), r.steps(), r.partitions(), r.threads(), r.instances(), r.cpus(), r.batch(), r.waitMs(),
                    r.commitMs(),
                    r.rate() > 0 ? String.valueOf(r.rate()) : "max", r.patches(), 100 * r.anomalousShare(),
                    r.patchesPerSec(),
                    r.corePatchesPerSec(), 100 * r.patchesPerSec() / r.corePatchesPerSec(), r.p50Ms(), r.p95Ms(),
                    r.p99Ms(), r.meanBatch(), r.modelMsPerPatch(), r.cpuMsPerPatch(), r.loadBefore(), r.loadAfter()));
        }
        out.append("\nexactly_once_v2, read_committed consumer\n");
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

    /** A Markdown table's header row and rule. */
    static StringBuilder header(List<String> columns) {
        return new StringBuilder("| ").append(String.join(" | ", columns)).append(" |\n")
                .append("|---".repeat(columns.size())).append("|\n");
    }

    private static String rebalanceTable(List<RebalanceRow> rows) {
        StringBuilder out = header(REBALANCE_COLUMNS);
        for (RebalanceRow r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d → %d → %d | %d | %d | %d | %d | %s | %s"
                            + " | %s | %s |%n", r.broker(), r.method(), r.partitions(), r.threads(), r.instances(),
                    r.instances() + 1, r.instances(), r.rate(), r.phaseSeconds(), r.sent(), r.scored(),
                    r.longestGaps().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    r.timeoutRollbacks() == null ? "not counted" : r.timeoutRollbacks(), r.loadBefore(),
                    r.loadAfter()));
        }
        return out.append("\nexactly_once_v2; an instance joins after one phase, the first leaves after two\n")
                .toString();
    }
}
