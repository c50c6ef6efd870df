package dev.anogan.stream.scoring;

import dev.anogan.stream.batching.BatcherSettings;
import dev.anogan.stream.batching.DynamicBatcher;
import ai.onnxruntime.OrtException;
import java.util.List;

/**
 * The scorer behind the shared dynamic batcher: every caller's patches join the largest batch
 * available. Owns its batcher (closed in {@link #close()}); the scorer and bundle belong to the context.
 */
public final class ScoringBatcher implements AutoCloseable {

    private final DynamicBatcher<Patch, PatchScore> batcher;

    /** One batch at a time. */
    public ScoringBatcher(Scorer scorer, BatcherSettings settings) {
        this(scorer, settings, 1);
    }

    /** Up to {@code workers} batches at a time (the sessions are shared; ONNX Runtime runs them concurrently). */
    public ScoringBatcher(Scorer scorer, BatcherSettings settings, int workers) {
        this(scorer, settings, workers, ScoringMetrics.unregistered(scorer.method().name(), scorer.calibration()));
    }

    /** As above, recording every model call in {@code metrics}. */
    public ScoringBatcher(Scorer scorer, BatcherSettings settings, int workers, ScoringMetrics metrics) {
        this.batcher = new DynamicBatcher<>(batch -> {
            try {
                List<PatchScore> scores = scorer.score(batch, true);
                metrics.recordBatch(scores);
                return scores;
            } catch (OrtException | RuntimeException e) {
                metrics.recordFailedBatch();
                throw e;
            }
        }, settings, workers);
    }

    /** Scores the patches (validated by the caller) and waits for their verdicts, in order. */
    public List<PatchScore> score(List<Patch> patches) throws InterruptedException {
        return batcher.submit(patches);
    }

    public DynamicBatcher<Patch, PatchScore> batcher() {
        return batcher;
    }

    @Override
    public void close() {
        batcher.close();
    }
}
