package dev.anogan.stream.scoring;

import ai.onnxruntime.OrtException;
import dev.anogan.stream.model.Calibration;
import java.nio.FloatBuffer;
import java.util.ArrayList;
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
    public List<PatchVerdict> score(List<Patch> patches, boolean withImages) throws OrtException {
        return score(patches, withImages ? ImageSelection.ALL : ImageSelection.NONE);
    }

    /**
     * Scores a batch of patches, in order, with the reconstruction and anomaly map of the patches {@code images}
     * selects (by their verdict) and of those that ask for them ({@link Patch#withImages()}; not with
     * {@link ImageSelection#NONE}, which reads no images at all): ONNX Runtime writes the batch's images into
     * pooled direct buffers, and only the
     * selected patches' regions are cropped out of them.
     *
     * @throws InvalidPatchException if a patch does not fit the model (validate patches first to route them)
     */
    public List<PatchVerdict> score(List<Patch> patches, ImageSelection images) throws OrtException {
        int n = patches.size();
        if (n == 0) {
            return List.of();
        }
        int values = mapper.spec().modelValues();
        FloatBuffer x = buffers.borrow(n * values);
        ImageBuffers out = images == ImageSelection.NONE ? null
                : new ImageBuffers(buffers.borrow(n * values), buffers.borrow(n * values));
        try {
            for (int i = 0; i < n; i++) {
                mapper.write(patches.get(i), x, i * values);
            }
            long started = System.nanoTime();
            BatchOutputs scored = method.run(x, n, out);
            return verdicts(patches, scored, System.nanoTime() - started, images, out);
        } finally {
            buffers.release(x);
            if (out != null) {
                buffers.release(out.reconstructions());
                buffers.release(out.anomalyMaps());
            }
        }
    }

    private List<PatchVerdict> verdicts(List<Patch> patches, BatchOutputs out, long nanos, ImageSelection images,
                                      ImageBuffers written) {
        int n = patches.size();
        List<PatchVerdict> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float score = out.scores()[i];
            Map<String, Float> parts = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> part : out.parts().entrySet()) {
                parts.put(part.getKey(), part.getValue()[i]);
            }
            boolean anomalous = calibration.isAnomalous(score);
            boolean wanted = written != null && (images.wants(anomalous) || patches.get(i).withImages());
            scores.add(new PatchVerdict(method.name(), score, parts, calibration.threshold(), anomalous,
                    calibration.percentile(score), method.steps(), n, nanos,
                    wanted ? Optional.of(mapper.crop(written.reconstructions(), i)) : Optional.empty(),
                    wanted ? Optional.of(mapper.crop(written.anomalyMaps(), i)) : Optional.empty()));
        }
        return scores;
    }
}
