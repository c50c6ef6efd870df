package dev.anogan.stream.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anogan.stream.batching.BatcherSettings;
import dev.anogan.stream.model.BundleLoader;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.model.ModelConfiguration;
import dev.anogan.stream.model.SessionOptionsFactory;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.scoring.ScorerFactory;
import dev.anogan.stream.scoring.ScoringBatcher;
import dev.anogan.stream.scoring.SearchMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The scoring benchmark: ONNX Runtime throughput and latency per method and batch size, and with the
 * shared batcher under concurrent callers, against the PyTorch reference measured in the same run.
 * Run it with {@code scripts/benchmark-scoring.sh [--json FILE] [options]}; {@code --help} lists them.
 */
public final class ScoringBenchmark {

    private final BenchmarkOptions options;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();

    private ScoringBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        if (options.sweep()) {
            new SettingsSweep(options).run();
        } else {
            new ScoringBenchmark(options).run();
        }
    }

    private void run() throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        List<BenchmarkRow> rows = new ArrayList<>();
        Path probe = Files.createTempFile("matmul-probe", ".onnx");
        try (ModelBundle bundle = new BundleLoader(env, options.sessionSettings()).load(options.bundle());
             ModelBundle batcherBundle = new BundleLoader(env, options.batcherSessionSettings()).load(options.bundle())) {
            Map<String, Integer> methods = methods(bundle);
            System.err.println("measuring the PyTorch reference (" + options.referenceRun() + ") ...");
            PythonReference torch = PythonReference.run(options.python(), options.trainingDir(), options.referenceRun(),
                    methods, options.batchSizes(), probe);
            ScorerFactory factory = new ScorerFactory(env, bundle);
            ScorerFactory batcherFactory = new ScorerFactory(env, batcherBundle);
            for (Map.Entry<String, Integer> method : methods.entrySet()) {
                MethodSpec spec = bundle.manifest().method(method.getKey());
                Scorer scorer = factory.create(spec, method.getValue(), 0);
                boolean search = scorer.method() instanceof SearchMethod;
                String variant = search ? "autograd" : "eager";
                double flops = search ? (double) torch.searchStepFlopsPerPatch() * method.getValue() : Double.NaN;
                for (int n : options.batchSizes()) {
                    System.err.printf("ONNX Runtime: %s, batch %d%n", spec.name(), n);
                    rows.add(direct(scorer, n, torch.patchesPerSec(spec.name(), variant, n), flops, options.seconds()));
                }
                int largest = Collections.max(options.batchSizes());
                int batcherBatch = options.batcherMaxBatch();
                System.err.printf("ONNX Runtime: %s, batcher with %d callers, %d workers%n", spec.name(), options.callers(),
                        options.workers());
                rows.add(batcher(batcherFactory.create(spec, method.getValue(), 0), batcherBatch,
                        torch.patchesPerSec(spec.name(), variant, largest), flops));
            }
            double peak;
            try (OrtSession.SessionOptions so = SessionOptionsFactory.create(options.sessionSettings())) {
                peak = MatmulProbe.gflops(env, probe, so, 20);
            }
            report.put("bundle", bundle.manifest().model());
            report.put("ort_matmul_peak_gflops", peak);
            report.put("torch_matmul_gflops", torch.torchMatmulGflops());
            report.put("search_step_flops_per_patch", torch.searchStepFlopsPerPatch());
            report.put("resident_memory_mib", ResidentMemory.mebibytes());
            report.put("rows", rows);
            System.out.println(BenchmarkTable.format(rows, peak, torch.torchMatmulGflops(),
                    ResidentMemory.mebibytes()));
        } finally {
            Files.deleteIfExists(probe);
        }
        if (options.json() != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.json().toFile(), report);
            System.err.println("wrote " + options.json());
        }
    }

    private Map<String, Integer> methods(ModelBundle bundle) {
        Map<String, Integer> methods = new LinkedHashMap<>();
        for (String name : options.methods()) {
            MethodSpec spec = bundle.manifest().method(name);
            methods.put(name, name.equals("anogan") ? options.anoganSteps() : spec.steps());
        }
        return methods;
    }

    static BenchmarkRow direct(Scorer scorer, int n, double torch, double flopsPerPatch, double seconds) throws Exception {
        List<Patch> batch = patches(n, n);
        scorer.score(batch, true);
        List<Long> nanos = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (nanos.size() < 3 || System.nanoTime() < deadline) {
            long t = System.nanoTime();
            scorer.score(batch, true);
            nanos.add(System.nanoTime() - t);
        }
        LatencyStats stats = LatencyStats.of(nanos);
        double perSec = n / (stats.p50Millis() / 1e3);
        return new BenchmarkRow(scorer.method().name(), "batch " + n, n, scorer.method().steps(), perSec,
                stats.p50Millis(), stats.p99Millis(), torch, perSec * flopsPerPatch / 1e9);
    }

    private BenchmarkRow batcher(Scorer scorer, int maxBatch, double torch, double flopsPerPatch) throws Exception {
        BatcherSettings settings = new BatcherSettings(maxBatch, Duration.ofMillis(5), List.of(), 4 * maxBatch, "bench");
        int perRequest = options.patchesPerRequest();
        try (ScoringBatcher batcher = new ScoringBatcher(scorer, settings, options.workers())) {
            batcher.score(patches(maxBatch, 1));
            ExecutorService callers = Executors.newFixedThreadPool(options.callers());
            long deadline = System.nanoTime() + (long) (options.seconds() * 1e9);
            long started = System.nanoTime();
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int c = 0; c < options.callers(); c++) {
                List<Patch> request = patches(perRequest, c);
                futures.add(callers.submit(() -> {
                    List<Long> nanos = new ArrayList<>();
                    while (System.nanoTime() < deadline) {
                        long t = System.nanoTime();
                        batcher.score(request);
                        nanos.add(System.nanoTime() - t);
                    }
                    return nanos;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            callers.shutdown();
            LatencyStats stats = LatencyStats.of(all);
            double perSec = all.size() * perRequest / elapsed;
            return new BenchmarkRow(scorer.method().name(), "batcher: " + options.callers() + " callers × " + perRequest
                    + ", " + options.workers() + " workers",
                    batcher.batcher().stats().meanBatchSize(), scorer.method().steps(), perSec, stats.p50Millis(),
                    stats.p99Millis(), torch, perSec * flopsPerPatch / 1e9);
        }
    }

    /** Random 28×28 uint8 patches: the search's cost does not depend on the pixels. */
    static List<Patch> patches(int n, long seed) {
        Random random = new Random(seed);
        List<Patch> patches = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[28 * 28];
            random.nextBytes(px);
            patches.add(Patch.ofBytes(28, 28, 1, px));
        }
        return patches;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    static String defaultBundle() {
        return ModelConfiguration.DEFAULT_BUNDLE;
    }
}
