package dev.anogan.stream.bench;

import dev.anogan.stream.scoring.ImageSelection;

/**
 * One line of the benchmark table.
 *
 * @param method          the scoring method
 * @param mode            {@code batch N} (direct calls) or {@code batcher} (concurrent callers)
 * @param batch           patches per ONNX Runtime call (for the batcher: its mean)
 * @param steps           search steps
 * @param images          whose reconstruction and anomaly map were read out
 * @param imagesShare     share of the patches that got them
 * @param patchesPerSec   ONNX Runtime throughput
 * @param p50Millis       median latency of a call (batcher: of a caller's request)
 * @param p99Millis       99th percentile latency
 * @param torchPatchesPerSec the PyTorch eager reference of the identical computation (NaN if none)
 * @param gflops          achieved GFLOP/s of the search steps (NaN for methods without search)
 */
record BenchmarkRow(String method, String mode, double batch, int steps, ImageSelection images, double imagesShare,
                    double patchesPerSec, double p50Millis, double p99Millis, double torchPatchesPerSec, double gflops) {

    double ratio() {
        return patchesPerSec / torchPatchesPerSec;
    }
}
