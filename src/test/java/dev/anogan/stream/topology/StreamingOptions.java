package dev.anogan.stream.topology;

import dev.anogan.stream.batching.BatchingConfiguration;
import dev.anogan.stream.kafka.StreamsConfiguration;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The options of {@link StreamingBenchmark}. */
record StreamingOptions(List<String> methods, int patches, int rate, int batch, int waitMs, OptionalInt steps,
                        int commitMs, int warmUp, int partitions, int threads, int coreSeconds,
                        int rssEverySeconds, Map<String, String> streamsProperties, Optional<Path> json) {

    static final String USAGE = """
            scripts/benchmark-streaming.sh [options]
              --methods LIST    comma-separated methods (default: egbad,egbad-ce,hybrid; anogan is slow: ask for it)
              --patches N       measured patches per method (default 1000); the fixture's 10,000 distinct
                                patches are sent over and over
              --warm-up N       patches scored before measuring, at full speed (default 2000: the JIT needs them)
              --rate R          patches per second sent (default 200; 0: as fast as possible)
              --batch N         patches per streams batch (default: the service's, 64)
              --wait MS         longest wait of a part batch, ms (default: the service's, 20)
              --steps N         search steps for anogan/hybrid (default: the manifest's)
              --commit-ms MS    Kafka Streams commit interval, ms (default: the service's, 50)
              --partitions N    partitions of the input topic (default: --threads)
              --threads N       stream threads (default: the service's, one per core); more than
                                --partitions leaves some idle
              --core-seconds S  first measure the scoring core alone (the batcher, no Kafka) for S seconds
                                (default 5; 0: skip), for the "% of core" column
              --rss-every S     sample the resident memory every S seconds while measuring (default 0: never)
              --set KEY=VALUE   a further Kafka Streams, producer or consumer setting (repeatable), e.g.
                                --set main.consumer.fetch.max.wait.ms=10
              --json FILE       also write the results as JSON
            """;

    static StreamingOptions parse(String[] args) {
        List<String> methods = List.of("egbad", "egbad-ce", "hybrid");
        int patches = 1000;
        int rate = 200;
        StreamsConfiguration service = new StreamsConfiguration();
        int batch = service.batchSizeOr(new BatchingConfiguration().getMaxBatchSize());
        int waitMs = (int) service.getMaxBatchWait().toMillis();
        OptionalInt steps = OptionalInt.empty();
        int commitMs = (int) StreamsConfiguration.COMMIT_INTERVAL_MS;
        int warmUp = 2000;
        int partitions = 0;
        int threads = service.getNumStreamThreads();
        int coreSeconds = 5;
        int rssEvery = 0;
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
                case "--set" -> {
                    String[] pair = value.split("=", 2);
                    streamsProperties.put(pair[0], pair[1]);
                }
                case "--json" -> json = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1] + "\n" + USAGE);
            }
        }
        return new StreamingOptions(methods, patches, rate, batch, waitMs, steps, commitMs, warmUp,
                partitions > 0 ? partitions : threads, threads, coreSeconds, rssEvery, streamsProperties, json);
    }
}
