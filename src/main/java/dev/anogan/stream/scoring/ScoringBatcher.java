package dev.anogan.stream.scoring;

import dev.anogan.stream.batching.BatcherSettings;
import dev.anogan.stream.batching.DynamicBatcher;
import java.util.List;

/**
 * The scorer behind the shared dynamic batcher: every caller's patches join the largest batch
 * available. Owns its batcher (closed in {@link #close()}); the scorer and bundle belong to the context.
 */
public final class ScoringBatcher implements AutoCloseable {

    private final DynamicBatcher<Patch, PatchScore> batcher;

    public ScoringBatcher(Scorer scorer, BatcherSettings settings) {
        this.batcher = new DynamicBatcher<>(batch -> scorer.score(batch, true), settings);
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
