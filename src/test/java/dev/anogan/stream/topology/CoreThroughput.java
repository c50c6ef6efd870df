package dev.anogan.stream.topology;

import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.ScoringBatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The scoring core's own throughput, measured in the same process just before the streaming run, so that "% of
 * the core" compares figures taken on an equally busy machine: the batcher fed by callers that never wait for
 * Kafka, twice as many as it has workers, as in the scoring benchmark's batcher row.
 */
final class CoreThroughput {

    private CoreThroughput() {
    }

    /** Patches per second over {@code duration}, each caller submitting {@code batch} patches at a time. */
    static double patchesPerSec(ScoringBatcher batcher, int batch, int callers, Duration duration) throws Exception {
        List<Patch> patches = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            patches.add(PatchDecoder.toScoring(StreamingFixture.patch(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            batcher.score(patches);
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            List<Future<Long>> counts = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                counts.add(pool.submit(() -> {
                    long scored = 0;
                    while (System.nanoTime() < end) {
                        scored += batcher.score(patches).size();
                    }
                    return scored;
                }));
            }
            long scored = 0;
            for (Future<Long> count : counts) {
                scored += count.get();
            }
            return scored / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
