package dev.anogan.stream.scoring;

import ai.onnxruntime.OrtException;
import dev.anogan.stream.model.Calibration;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scoring pipeline for one method: map raw patches into a pooled direct buffer, run the method
 * once for the batch, then turn its outputs into verdicts with the method's calibration. Thread-safe.
 */
public final class Scorer {

    private final ScoringMethod method;
    private final PatchMapper mapper;
    private final Calibration calibration;
    private final DirectBufferPool buffers = new DirectBufferPool();

    public Scorer(ScoringMethod method, PatchMapper mapper, Calibration calibration) {
        this.method = method;
        this.mapper = mapper;
        this.calibration = calibration;
    }

    public ScoringMethod method() {
        return method;
    }

    public PatchMapper mapper() {
        return mapper;
    }

    public Calibration calibration() {
        return calibration;
    }

    /**
     * Scores a batch of patches, in order.
     *
     * @param withImages also return each patch's reconstruction and anomaly map
     * @throws InvalidPatchException if a patch does not fit the model (validate patches first to route them)
     */
    public List<PatchScore> score(List<Patch> patches, boolean withImages) throws OrtException {
        int n = patches.size();
        if (n == 0) {
            return List.of();
        }
        int values = mapper.spec().modelValues();
        FloatBuffer x = buffers.borrow(n * values);
        try {
            for (int i = 0; i < n; i++) {
                mapper.write(patches.get(i), x, i * values);
            }
            long started = System.nanoTime();
            BatchOutputs out = method.run(x, n, withImages);
            return verdicts(out, n, System.nanoTime() - started);
        } finally {
            buffers.release(x);
        }
    }

    private List<PatchScore> verdicts(BatchOutputs out, int n, long nanos) {
        Optional<float[]> maps = out.anomalyMaps().map(m -> mapper.crop(m, n));
        Optional<float[]> recons = out.reconstructions().map(r -> mapper.crop(r, n));
        int imageValues = mapper.spec().channels() * mapper.spec().height() * mapper.spec().width();
        List<PatchScore> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float score = out.scores()[i];
            Map<String, Float> parts = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> part : out.parts().entrySet()) {
                parts.put(part.getKey(), part.getValue()[i]);
            }
            int from = i * imageValues;
            scores.add(new PatchScore(method.name(), score, parts, calibration.threshold(),
                    calibration.isAnomalous(score), calibration.percentile(score), method.steps(), n, nanos,
                    recons.map(r -> Arrays.copyOfRange(r, from, from + imageValues)),
                    maps.map(m -> Arrays.copyOfRange(m, from, from + imageValues))));
        }
        return scores;
    }
}
