package dev.anogan.stream.bench;

import dev.anogan.stream.batching.BatcherSettings;
import dev.anogan.stream.scoring.ImageSelection;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.scoring.ScoringBatcher;
import dev.anogan.stream.scoring.ScoringMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The shared batcher under concurrent callers: one batcher per image selection, taking turns in short slices so that
 * a varying load on the machine falls on each alike. Closes the batchers it makes; the scorer is the caller's.
 */
final class BatcherMeasurement {

    private static final double SLICE_SECONDS = 1.0;

    private final BenchmarkOptions options;
    private final List<List<Patch>> requests;
    private final Map<ImageSelection, List<Long>> latencies = new EnumMap<>(ImageSelection.class);
    private final Map<ImageSelection, Long> elapsedNanos = new EnumMap<>(ImageSelection.class);

    private BatcherMeasurement(BenchmarkOptions options) {
        this.options = options;
        this.requests = IntStream.range(0, options.callers())
                .mapToObj(c -> ScoringBenchmark.patches(options.patchesPerRequest(), options.anomalyFraction(), c))
                .toList();
    }

    /** A row per image selection of {@code options}. */
    static List<BenchmarkRow> rows(Scorer scorer, BenchmarkOptions options, double torch, double flopsPerPatch)
            throws Exception {
        return new BatcherMeasurement(options).measure(scorer, torch, flopsPerPatch);
    }

    private List<BenchmarkRow> measure(Scorer scorer, double torch, double flopsPerPatch) throws Exception {
        int maxBatch = options.batcherMaxBatch();
        BatcherSettings settings = new BatcherSettings(maxBatch, Duration.ofMillis(5), List.of(), 4 * maxBatch, "bench");
        Map<ImageSelection, ScoringBatcher> batchers = new EnumMap<>(ImageSelection.class);
        ExecutorService callers = Executors.newFixedThreadPool(options.callers());
        try {
            for (ImageSelection images : options.images()) {
                ScoringBatcher batcher = new ScoringBatcher(scorer, settings, options.workers(),
                        ScoringMetrics.unregistered(scorer.method().name(), scorer.calibration()), images);
                batchers.put(images, batcher);
                batcher.score(ScoringBenchmark.patches(maxBatch, options.anomalyFraction(), 1));
                latencies.put(images, new ArrayList<>());
                elapsedNanos.put(images, 0L);
            }
            for (int slice = 0; slice < Math.ceil(options.seconds() / SLICE_SECONDS); slice++) {
                for (ImageSelection images : options.images()) {
                    slice(batchers.get(images), images, callers);
                }
            }
            List<Patch> sent = requests.stream().flatMap(List::stream).toList();
            List<BenchmarkRow> rows = new ArrayList<>();
            for (ImageSelection images : options.images()) {
                LatencyStats stats = LatencyStats.of(latencies.get(images));
                double perSec = latencies.get(images).size() * options.patchesPerRequest()
                        / (elapsedNanos.get(images) / 1e9);
                rows.add(new BenchmarkRow(scorer.method().name(), "batcher: " + options.callers() + " callers × "
                        + options.patchesPerRequest() + ", " + options.workers() + " workers",
                        batchers.get(images).batcher().stats().meanBatchSize(), scorer.method().steps(), images,
                        ScoringBenchmark.imagesShare(scorer.score(sent, images)), perSec, stats.p50Millis(),
                        stats.p99Millis(), torch, perSec * flopsPerPatch / 1e9));
            }
            return rows;
        } finally {
            callers.shutdownNow();
            for (ScoringBatcher batcher : batchers.values()) {
                batcher.close();
            }
        }
    }

    /** Every caller sends its request again and again for one slice; the slice ends when the last answer is in. */
    private void slice(ScoringBatcher batcher, ImageSelection images, ExecutorService callers) throws Exception {
        long started = System.nanoTime();
        long deadline = started + (long) (SLICE_SECONDS * 1e9);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (List<Patch> request : requests) {
            futures.add(callers.submit(() -> {
                List<Long> nanos = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    long t = System.nanoTime();
                    batcher.score(request);
                    nanos.add(System.nanoTime() - t);
                }
                return nanos;
            }));
        }
        for (Future<List<Long>> f : futures) {
            latencies.get(images).addAll(f.get());
        }
        elapsedNanos.merge(images, System.nanoTime() - started, Long::sum);
    }
}
