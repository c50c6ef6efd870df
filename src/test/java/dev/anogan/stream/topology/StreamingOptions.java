package dev.anogan.stream.topology;

import dev.anogan.stream.batching.BatchingConfiguration;
import dev.anogan.stream.kafka.StreamsConfiguration;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** The options of {@link StreamingBenchmark}. */
record StreamingOptions(List<String> methods, List<String> brokers, int patches, int rate, int batch, int waitMs,
                        OptionalInt steps, int commitMs, int warmUp, int partitions, int threads, int instances,
                        int rebalanceSeconds, int coreSeconds, int rssEverySeconds, int images, int imageGrid,
                        OptionalDouble anomalousShare, Optional<String> brokerCpus,
                        Map<String, String> streamsProperties, Optional<Path> json) {

    /** The input topic's partitions unless set: more than the threads of one instance, as on a real cluster. */
    static final int DEFAULT_PARTITIONS = 6;

    static final String USAGE = """
            scripts/benchmark-streaming.sh [options]
              --methods LIST    comma-separated methods (default: egbad,feature-knn, the bundle's default method;
                                also egbad-ce, hybrid; anogan is slow: ask for it)
              --brokers LIST    the brokers to run against, each in turn (default: in-process,separate):
                                in-process  the embedded KRaft broker in the benchmark's JVM
                                separate    Apache Kafka's server in a JVM of its own, started from the test
                                            class path; counts the transactions it rolls back for timeout
              --bootstrap-servers HOST:PORT[,...]  a cluster you run, instead of --brokers (topics get one replica)
              --broker-cpus LIST  run the separate broker on these CPUs only (taskset -c syntax, e.g. 1)
              --service-cpus LIST run the benchmark's own JVM (streams, scoring core, producer, reader) on these
                                CPUs only; with --broker-cpus, a broker on a machine of its own on one box
              --patches N       measured patches per method (default 1000); the fixture's 10,000 distinct
                                patches are sent over and over
              --anomalous-share F  share of the measured patches from classes the bundle was not trained on,
                                spread evenly (0..1; default: the test set in its order, about 90 % anomalous
                                for the default bundle, so nearly every patch raises an alert with its images;
                                an inspection line's stream is mostly normal: try 0.01)
              --warm-up N       patches scored before measuring, at full speed (default 2000: the JIT needs them)
              --rate R          patches (in images rows: tiles) per second sent (default 200; 0: as fast as
                                possible)
              --batch N         patches per streams batch (default: the service's, 64)
              --wait MS         longest wait of a part batch, ms (default: the service's, 20)
              --steps N         search steps for anogan/hybrid (default: the manifest's)
              --commit-ms MS    Kafka Streams commit interval, ms (default: the service's, 50)
              --partitions N    partitions of the input topic (default 6)
              --threads N       stream threads per instance (default: the service's, one per core); more
                                than the partitions leaves some idle
              --instances N     streams instances (default 1): Kafka Streams clients of one application in
                                this JVM, sharing its scoring core (separate processes would each have their own)
              --rebalance S     rebalance mode: --instances run for S seconds under load (--rate, which must be
                                > 0), then one more instance joins, S seconds later the first one leaves, S
                                seconds more; reports per partition the longest time without scores and the
                                transactions the broker rolled back for timeout (waited for after the last change)
              --core-seconds S  measure the scoring core alone (the batcher, no Kafka) for S seconds just
                                before and just after the measured part (default 5; 0: skip), for the
                                "% of core" column (their mean)
              --rss-every S     sample the resident memory every S seconds while measuring (default 0: never)
              --images N        after each method's patch row, an images row (not in rebalance mode): N whole
                                images measured (default 200; 0: no images rows), published as the publish
                                command does (tiles at the bundle's patch size and stride, all tiles of an image
                                back to back, keyed by image) at --rate tiles per second, scored by streams with
                                the image part at the service's defaults; reports images/s, tiles/s, latency
                                from an image's capture time (just before its first tile is sent) to its verdict
                                read, and whether every image got exactly one verdict; --warm-up counts tiles
              --image-grid G    each image is G x G Fashion-MNIST test patches, (28 G)² pixels (default 4)
              --set KEY=VALUE   a further Kafka Streams, producer or consumer setting (repeatable), e.g.
                                --set main.consumer.fetch.max.wait.ms=10
              --json FILE       also write the results as JSON
            """;

    static StreamingOptions parse(String[] args) {
        List<String> methods = List.of("egbad", "feature-knn");
        List<String> brokers = List.of(BenchmarkBroker.IN_PROCESS, BenchmarkBroker.SEPARATE);
        int patches = 1000;
        int rate = 200;
        StreamsConfiguration service = new StreamsConfiguration();
        int batch = service.batchSizeOr(new BatchingConfiguration().getMaxBatchSize());
        int waitMs = (int) service.getMaxBatchWait().toMillis();
        OptionalInt steps = OptionalInt.empty();
        int commitMs = (int) StreamsConfiguration.COMMIT_INTERVAL_MS;
        int warmUp = 2000;
        int partitions = DEFAULT_PARTITIONS;
        int threads = service.getNumStreamThreads();
        int instances = 1;
        int rebalance = 0;
        int coreSeconds = 5;
        int rssEvery = 0;
        int images = 200;
        int imageGrid = 4;
        OptionalDouble anomalousShare = OptionalDouble.empty();
        Optional<String> brokerCpus = Optional.empty();
        Map<String, String> streamsProperties = new LinkedHashMap<>();
        Optional<Path> json = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--methods" -> methods = Arrays.asList(value.split(","));
                case "--brokers" -> brokers = Arrays.asList(value.split(","));
                case "--bootstrap-servers" -> brokers = List.of(value);
                case "--broker-cpus" -> brokerCpus = Optional.of(value);
                case "--instances" -> instances = Integer.parseInt(value);
                case "--rebalance" -> rebalance = Integer.parseInt(value);
                case "--patches" -> patches = Integer.parseInt(value);
                case "--rate" -> rate = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--wait" -> waitMs = Integer.parseInt(value);
                case "--steps" -> steps = OptionalInt.of(Integer.parseInt(value));
                case "--commit-ms" -> commitMs = Integer.parseInt(value);
                case "--warm-up" -> warmUp = Integer.parseInt(value);
                case "--partitions" -> partitions = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--core-seconds" -> coreSeconds = Integer.parseInt(value);
                case "--rss-every" -> rssEvery = Integer.parseInt(value);
                case "--images" -> images = Integer.parseInt(value);
                case "--image-grid" -> imageGrid = Integer.parseInt(value);
                case "--anomalous-share" -> anomalousShare = OptionalDouble.of(Double.parseDouble(value));
                case "--set" -> {
                    String[] pair = value.split("=", 2);
                    streamsProperties.put(pair[0], pair[1]);
                }
                case "--json" -> json = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1] + "\n" + USAGE);
            }
        }
        if (rebalance > 0 && rate <= 0) {
            throw new IllegalArgumentException("--rebalance needs a --rate above 0\n" + USAGE);
        }
        if (images < 0 || imageGrid < 1) {
            throw new IllegalArgumentException("--images must be 0 or more and --image-grid 1 or more\n" + USAGE);
        }
        if (anomalousShare.isPresent() && !(anomalousShare.getAsDouble() >= 0 && anomalousShare.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("--anomalous-share must be between 0 and 1, got "
                    + anomalousShare.getAsDouble() + "\n" + USAGE);
        }
        return new StreamingOptions(methods, brokers, patches, rate, batch, waitMs, steps, commitMs, warmUp,
                partitions, threads, instances, rebalance, coreSeconds, rssEvery, images, imageGrid, anomalousShare,
                brokerCpus, streamsProperties, json);
    }
}
