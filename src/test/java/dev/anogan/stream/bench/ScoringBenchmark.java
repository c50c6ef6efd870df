package dev.anogan.stream.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anogan.stream.model.BundleLoader;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.model.ModelConfiguration;
import dev.anogan.stream.model.SessionOptionsFactory;
import dev.anogan.stream.scoring.ImageSelection;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.scoring.ScorerFactory;
import dev.anogan.stream.scoring.SearchMethod;
import dev.anogan.stream.testing.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
                    System.err.printf("ONNX Runtime: %s, batch %d, images %s%n", spec.name(), n, options.images());
                    rows.addAll(direct(scorer, n, options.images(), options.anomalyFraction(),
                            torch.patchesPerSec(spec.name(), variant, n), flops, options.seconds()));
                }
                System.err.printf("ONNX Runtime: %s, batcher with %d callers, %d workers, images %s%n", spec.name(),
                        options.callers(), options.workers(), options.images());
                rows.addAll(BatcherMeasurement.rows(batcherFactory.create(spec, method.getValue(), 0), options,
                        torch.patchesPerSec(spec.name(), variant, Collections.max(options.batchSizes())), flops));
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

    /**
     * Direct calls of one batch, the image selections taking turns call by call, so that a varying load on the
     * machine falls on each alike: a row per selection.
     */
    static List<BenchmarkRow> direct(Scorer scorer, int n, List<ImageSelection> selections, double anomalyFraction,
                                     double torch, double flopsPerPatch, double seconds) throws Exception {
        List<Patch> batch = patches(n, anomalyFraction, n);
        Map<ImageSelection, List<Long>> nanos = new EnumMap<>(ImageSelection.class);
        for (ImageSelection images : selections) {
            scorer.score(batch, images);
            nanos.put(images, new ArrayList<>());
        }
        long deadline = System.nanoTime() + (long) (seconds * selections.size() * 1e9);
        while (nanos.get(selections.get(0)).size() < 3 || System.nanoTime() < deadline) {
            for (ImageSelection images : selections) {
                long t = System.nanoTime();
                scorer.score(batch, images);
                nanos.get(images).add(System.nanoTime() - t);
            }
        }
        List<BenchmarkRow> rows = new ArrayList<>();
        for (ImageSelection images : selections) {
            LatencyStats stats = LatencyStats.of(nanos.get(images));
            double perSec = n / (stats.p50Millis() / 1e3);
            rows.add(new BenchmarkRow(scorer.method().name(), "batch " + n, n, scorer.method().steps(), images,
                    imagesShare(scorer.score(batch, images)), perSec, stats.p50Millis(), stats.p99Millis(), torch,
                    perSec * flopsPerPatch / 1e9));
        }
        return rows;
    }

    /**
     * Fashion-MNIST test patches, {@code anomalyFraction} of them (rounded) not trousers (the default bundle's normal
     * class), as the demo scanner sends them: the cost of the search does not depend on the pixels, but whose images are
     * read out does.
     */
    static List<Patch> patches(int n, double anomalyFraction, long seed) {
        int others = (int) Math.round(n * anomalyFraction);
        return Workload.mix(0, n - others, others, seed).stream().map(Workload.MNIST::patch).toList();
    }

    /** The share of verdicts that carry their images. */
    static double imagesShare(List<PatchVerdict> verdicts) {
        return verdicts.stream().filter(v -> v.anomalyMap().isPresent()).count() / (double) verdicts.size();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    static String defaultBundle() {
        return ModelConfiguration.DEFAULT_BUNDLE;
    }
}
