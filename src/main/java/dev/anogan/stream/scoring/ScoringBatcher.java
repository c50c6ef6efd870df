package dev.anogan.stream.scoring;

import dev.anogan.stream.batching.BatcherSettings;
import dev.anogan.stream.batching.DynamicBatcher;
import ai.onnxruntime.OrtException;
import dev.anogan.stream.model.InputSpec;
import java.util.List;

/**
 * The scorer behind the shared dynamic batcher: every caller's patches join the largest batch
 * available. Owns its batcher (closed in {@link #close()}); the scorer and bundle belong to the context.
 *
 * <p>Beside the shared path, {@link #scoreAlone} runs one patch straight on the scorer, on the caller's thread:
 * after a failed batch, a patch retried through the batcher would be merged with other threads' patches again,
 * so a healthy patch could fail with a poisoned neighbour. {@link #probe()} tells a model that is down from a
 * patch it cannot score.
 */
public final class ScoringBatcher implements AutoCloseable {

    private final DynamicBatcher<Patch, PatchVerdict> batcher;
    private final Scorer scorer;
    private final ScoringMetrics metrics;
    private final Patch syntheticProbe;
    private final ImageSelection images;
    /** A patch of the last batch the model scored: the probe of choice. */
    private volatile Patch lastScored;

    /** One batch at a time. */
    public ScoringBatcher(Scorer scorer, BatcherSettings settings) {
        this(scorer, settings, 1);
    }

    /** Up to {@code workers} batches at a time (the sessions are shared; ONNX Runtime runs them concurrently). */
    public ScoringBatcher(Scorer scorer, BatcherSettings settings, int workers) {
        this(scorer, settings, workers, ScoringMetrics.unregistered(scorer.method().name(), scorer.calibration()));
    }

    /** As above, recording every model call in {@code metrics}; images for the anomalous patches only. */
    public ScoringBatcher(Scorer scorer, BatcherSettings settings, int workers, ScoringMetrics metrics) {
        this(scorer, settings, workers, metrics, ImageSelection.ANOMALOUS);
    }

    /** As above, with the images of the patches {@code images} selects. */
    public ScoringBatcher(Scorer scorer, BatcherSettings settings, int workers, ScoringMetrics metrics,
                          ImageSelection images) {
        this.scorer = scorer;
        this.images = images;
        this.metrics = metrics;
        this.syntheticProbe = syntheticProbe(scorer.mapper().spec());
        this.batcher = new DynamicBatcher<>(this::run, settings, workers);
    }

    private List<PatchVerdict> run(List<Patch> batch) throws OrtException {
        try {
            List<PatchVerdict> scores = scorer.score(batch, images);
            metrics.recordBatch(scores);
            lastScored = batch.get(0);
            return scores;
        } catch (OrtException | RuntimeException e) {
            metrics.recordFailedBatch();
            throw e;
        }
    }

    /** Scores the patches (validated by the caller) and waits for their verdicts, in order. */
    public List<PatchVerdict> score(List<Patch> patches) throws InterruptedException {
        return batcher.submit(patches);
    }

    /**
     * Scores one patch alone, straight on the scorer (not through the shared batcher), on the calling thread.
     *
     * @throws Exception whatever the model threw on it
     */
    public PatchVerdict scoreAlone(Patch patch) throws Exception {
        return run(List.of(patch)).get(0);
    }

    /**
     * Whether the model still scores a known-good patch (one of the last batch it scored, or a smooth synthetic
     * patch before any): false means the model is down, not the patches.
     */
    public boolean probe() {
        Patch known = lastScored;
        try {
            scorer.score(List.of(known != null ? known : syntheticProbe), false);
            return true;
        } catch (OrtException | RuntimeException e) {
            return false;
        }
    }

    /** A uint8 gradient of the model's patch size: valid, and not constant. */
    private static Patch syntheticProbe(InputSpec spec) {
        byte[] pixels = new byte[spec.width() * spec.height() * spec.channels()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (64 + (i * 127) / Math.max(1, pixels.length - 1));
        }
        return Patch.ofBytes(spec.width(), spec.height(), spec.channels(), pixels);
    }

    /** Whose reconstruction and anomaly map the scores carry. */
    public ImageSelection images() {
        return images;
    }

    public DynamicBatcher<Patch, PatchVerdict> batcher() {
        return batcher;
    }

    @Override
    public void close() {
        batcher.close();
    }
}
