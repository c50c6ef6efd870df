package dev.anogan.stream.bench;

import static dev.anogan.stream.bench.ScoringBenchmark.fmt;

import java.util.List;
import java.util.Locale;

/** The benchmark's Markdown table. */
final class BenchmarkTable {

    private BenchmarkTable() {
    }

    static String format(List<BenchmarkRow> rows, double peakGflops, double torchMatmulGflops, double rssMiB) {
        StringBuilder out = new StringBuilder();
        out.append("| method | mode | batch | steps | images | with images | patches/s | p50 ms | p99 ms | PyTorch patches/s | × PyTorch | GFLOP/s | % of peak |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchmarkRow r : rows) {
            out.append("| ").append(String.join(" | ", r.method(), r.mode(), fmt(r.batch()), String.valueOf(r.steps()),
                    r.images().name().toLowerCase(Locale.ROOT), String.format(Locale.ROOT, "%.0f %%", 100 * r.imagesShare()),
                    fmt(r.patchesPerSec()), fmt(r.p50Millis()), fmt(r.p99Millis()), fmt(r.torchPatchesPerSec()),
                    fmt(r.ratio()), fmt(r.gflops()), fmt(100 * r.gflops() / peakGflops))).append(" |\n");
        }
        out.append("\nfp32 matrix-product peak (1024³ MatMul, same run): ONNX Runtime ").append(fmt(peakGflops))
                .append(" GFLOP/s, PyTorch ").append(fmt(torchMatmulGflops)).append(" GFLOP/s; resident memory ")
                .append(fmt(rssMiB)).append(" MiB\n");
        return out.toString();
    }
}
