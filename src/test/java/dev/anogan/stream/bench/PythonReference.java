package dev.anogan.stream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the trainer's {@code bench-reference} command: the PyTorch eager timings of the same methods,
 * weights, steps and batch sizes, in the same run as the ONNX Runtime measurements.
 */
final class PythonReference {

    private final JsonNode result;

    private PythonReference(JsonNode result) {
        this.result = result;
    }

    static PythonReference run(String python, Path trainingDir, Path runDir, Map<String, Integer> methods,
                               List<Integer> batchSizes, Path probe) throws IOException, InterruptedException {
        Path json = Files.createTempFile("bench-reference", ".json");
        List<String> command = new ArrayList<>(List.of(python, "-m", "anogan_train", "bench-reference",
                "--run-dir", runDir.toString(), "--json", json.toString(), "--probe", probe.toString(),
                "--batch-sizes", String.join(",", batchSizes.stream().map(String::valueOf).toList())));
        methods.forEach((name, steps) -> command.addAll(List.of("--method", name + "=" + steps)));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("PYTHONPATH", trainingDir.toString());
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IOException("PyTorch reference failed (exit " + exit + "): " + String.join(" ", command));
        }
        try {
            return new PythonReference(new ObjectMapper().readTree(json.toFile()));
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /** Patches per second of the reference for a method, variant and batch size (NaN if not measured). */
    double patchesPerSec(String method, String variant, int batch) {
        for (JsonNode cell : result.get("cells")) {
            if (cell.get("method").asText().equals(method) && cell.get("variant").asText().equals(variant)
                    && cell.get("batch").asInt() == batch) {
                return batch / cell.get("median_s").asDouble();
            }
        }
        return Double.NaN;
    }

    long searchStepFlopsPerPatch() {
        return result.get("search_step_flops_per_patch").asLong();
    }

    double torchMatmulGflops() {
        return result.get("torch_matmul_gflops").asDouble();
    }
}
