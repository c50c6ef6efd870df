package dev.anogan.stream.topology;

import dev.anogan.stream.bench.ResidentMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples this process's resident memory and used heap at a fixed period, next to how many patches have been
 * scored, printing each sample on stderr. Owns its timer thread, stopped by {@link #close()}.
 */
final class MemorySampler implements AutoCloseable {

    /** One sample: seconds since the start, patches scored by then, resident and used heap MiB. */
    record Sample(double seconds, long patches, double rssMib, double heapUsedMib) {
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "memory-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sample> samples = new ArrayList<>();
    private final LongSupplier scored;
    private final long start = System.nanoTime();

    MemorySampler(int everySeconds, LongSupplier scored) {
        this.scored = scored;
        timer.scheduleAtFixedRate(this::sample, 0, everySeconds, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        Runtime runtime = Runtime.getRuntime();
        Sample s = new Sample((System.nanoTime() - start) / 1e9, scored.getAsLong(), ResidentMemory.mebibytes(),
                (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0);
        samples.add(s);
        System.err.printf(Locale.ROOT, "rss: %7.0f s %,10d patches %7.1f MiB resident %7.1f MiB heap%n",
                s.seconds(), s.patches(), s.rssMib(), s.heapUsedMib());
    }

    /** Stops sampling, takes a last sample and returns them all. */
    synchronized List<Sample> stop() {
        timer.shutdownNow();
        sample();
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
