package dev.anogan.stream.bench;

import static dev.anogan.stream.bench.ScoringBenchmark.fmt;

import ai.onnxruntime.OrtEnvironment;
import dev.anogan.stream.model.BundleLoader;
import dev.anogan.stream.model.Device;
import dev.anogan.stream.model.GraphOptimization;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.model.SessionSettings;
import dev.anogan.stream.scoring.ImageSelection;
import dev.anogan.stream.scoring.ScorerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What ONNX Runtime's settings do to the search: every optimisation level × 1 and 2 threads × batch size. */
final class SettingsSweep {

    private final BenchmarkOptions options;

    SettingsSweep(BenchmarkOptions options) {
        this.options = options;
    }

    void run() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Path probe = Files.createTempFile("matmul-probe", ".onnx");
        long flopsPerStep;
        try {
            flopsPerStep = PythonReference.run(options.python(), options.trainingDir(), options.referenceRun(),
                    Map.of("anogan", 1), List.of(1), probe).searchStepFlopsPerPatch();
        } finally {
            Files.deleteIfExists(probe);
        }
        StringBuilder table = new StringBuilder("| optimisation | threads | batch | steps | patches/s | p50 ms | GFLOP/s |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (GraphOptimization level : GraphOptimization.values()) {
            for (int threads : List.of(1, 2)) {
                SessionSettings settings = new SessionSettings(Device.CPU, 0, threads, level);
                try (ModelBundle bundle = new BundleLoader(env, settings).load(options.bundle())) {
                    var scorer = new ScorerFactory(env, bundle).create(bundle.manifest().method("anogan"),
                            options.anoganSteps(), 0);
                    for (int n : options.batchSizes()) {
                        BenchmarkRow row = ScoringBenchmark.direct(scorer, n, List.of(ImageSelection.NONE),
                                options.anomalyFraction(), Double.NaN, (double) flopsPerStep * options.anoganSteps(),
                                options.seconds()).get(0);
                        table.append(String.join(" | ", "| " + level.name().toLowerCase(java.util.Locale.ROOT),
                                String.valueOf(threads), String.valueOf(n), String.valueOf(options.anoganSteps()),
                                fmt(row.patchesPerSec()), fmt(row.p50Millis()), fmt(row.gflops()))).append(" |\n");
                        System.err.printf("%s threads=%d batch=%d: %.1f patches/s%n", level, threads, n, row.patchesPerSec());
                    }
                }
            }
        }
        System.out.print(table);
    }
}
