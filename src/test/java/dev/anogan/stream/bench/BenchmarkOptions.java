package dev.anogan.stream.bench;

import dev.anogan.stream.embedded.DemoConfiguration;
import dev.anogan.stream.model.GraphOptimization;
import dev.anogan.stream.model.SessionSettings;
import dev.anogan.stream.scoring.ImageSelection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's command-line options. */
record BenchmarkOptions(String bundle, Path referenceRun, Path trainingDir, String python, List<String> methods,
                        List<Integer> batchSizes, List<ImageSelection> images, double anomalyFraction, int anoganSteps, double seconds, int callers, int patchesPerRequest,
                        int threads, int workers, int batcherMaxBatch, GraphOptimization optimization, boolean sweep, Path json) {

    private static final String USAGE = """
            usage: scripts/benchmark-scoring.sh [options]
              --bundle LOCATION        bundle to benchmark (default classpath:bundles/default)
              --reference-run DIR      the training run that made it, for the PyTorch reference
                                       (default src/training/reference/default-run)
              --methods a,b            methods (default feature-knn,anogan,hybrid,egbad)
              --batch-sizes 1,8,32,128 batch sizes of the direct calls; the largest is the batcher's maximum
              --images a,b             whose reconstruction and anomaly map are read out: none, anomalous (what the
                                       stream does), all (anogan.scoring.anomaly-maps-in-scores); one row each
                                       (default anomalous)
              --anomaly-fraction F     share of the patches (Fashion-MNIST test images) that are not trousers,
                                       the default bundle's normal class (default: the demo scanner's, 0.2)
              --anogan-steps N         AnoGAN's search steps in the benchmark (default 20; the cost per step is what counts)
              --seconds S              time per measurement (default 3)
              --callers N              concurrent callers of the batcher (default 16), each sending
              --patches-per-request N  patches per request (default 4)
              --threads N              ONNX Runtime intra-op threads of the direct calls (default 0: one per core)
              --workers N              batcher workers, each calling ONNX Runtime on 1 thread (default: one per core)
              --batcher-max-batch N    the batcher's largest batch (default 32: callers × patches per request
                                       must cover workers × this for the workers to run at once)
              --optimization LEVEL     ONNX Runtime graph optimisation: none, basic, extended, all (default all)
              --sweep true             instead: the search at each batch size under every optimisation level
                                       and 1 or 2 threads (what each setting does)
              --python PATH            Debian's python3 with torch (default /usr/bin/python3)
              --json FILE              also write the figures as JSON
            """;

    SessionSettings sessionSettings() {
        return new SessionSettings(dev.anogan.stream.model.Device.CPU, 0, threads, optimization);
    }

    /** The batcher's sessions: one thread per call, {@link #workers()} calls at once. */
    SessionSettings batcherSessionSettings() {
        return new SessionSettings(dev.anogan.stream.model.Device.CPU, 0, 1, optimization);
    }

    static BenchmarkOptions parse(String[] args) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                System.out.print(USAGE);
                System.exit(0);
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + USAGE);
            }
            v.put(args[i].substring(2), args[++i]);
        }
        List<String> known = List.of("bundle", "reference-run", "training-dir", "methods", "batch-sizes", "images", "anomaly-fraction", "anogan-steps",
                "seconds", "callers", "patches-per-request", "threads", "workers", "batcher-max-batch", "optimization", "sweep", "python", "json");
        for (String key : v.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "\n" + USAGE);
            }
        }
        return new BenchmarkOptions(v.getOrDefault("bundle", ScoringBenchmark.defaultBundle()),
                Path.of(v.getOrDefault("reference-run", "src/training/reference/default-run")),
                Path.of(v.getOrDefault("training-dir", "src/training")),
                v.getOrDefault("python", "/usr/bin/python3"),
                List.of(v.getOrDefault("methods", "feature-knn,anogan,hybrid,egbad").split(",")),
                Arrays.stream(v.getOrDefault("batch-sizes", "1,8,32,128").split(",")).map(Integer::valueOf).toList(),
                Arrays.stream(v.getOrDefault("images", "anomalous").split(","))
                        .map(name -> ImageSelection.valueOf(name.toUpperCase(Locale.ROOT))).toList(),
                v.containsKey("anomaly-fraction") ? Double.parseDouble(v.get("anomaly-fraction"))
                        : new DemoConfiguration().getAnomalyFraction(),
                Integer.parseInt(v.getOrDefault("anogan-steps", "20")),
                Double.parseDouble(v.getOrDefault("seconds", "3")),
                Integer.parseInt(v.getOrDefault("callers", "16")),
                Integer.parseInt(v.getOrDefault("patches-per-request", "4")),
                Integer.parseInt(v.getOrDefault("threads", "0")),
                Integer.parseInt(v.getOrDefault("workers", String.valueOf(Runtime.getRuntime().availableProcessors()))),
                Integer.parseInt(v.getOrDefault("batcher-max-batch", "32")),
                GraphOptimization.valueOf(v.getOrDefault("optimization", "all").toUpperCase(Locale.ROOT)),
                Boolean.parseBoolean(v.getOrDefault("sweep", "false")),
                v.containsKey("json") ? Path.of(v.get("json")) : null);
    }
}
