package dev.anogan.stream.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Coalesces the small requests of many threads into large calls of a {@link BatchFunction} (the
 * Triton dynamic-batching idea): callers submit a few items each and wait, while worker threads
 * sends the function the largest batch available, up to {@link BatcherSettings#maxBatchSize()},
 * waiting at most {@link BatcherSettings#maxQueueDelay()} for a batch to fill.
 *
 * <p>A caller's items may be split over several batches; its results come back in its own order.
 * The queue is bounded ({@link BatcherSettings#queueCapacity()} items): submitters block while it is
 * full, nothing is dropped. A failing batch fails only the callers with items in it.
 *
 * <p>Ownership: the batcher owns its worker threads and stops them in {@link #close()}. It does not own
 * the batch function or what the function uses (an ONNX Runtime session, say): whoever created those
 * closes them, after closing the batcher. Callers own nothing and close nothing.
 *
 * @param <I> item type
 * @param <O> result type
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {

    private final BatchFunction<I, O> function;
    private final BatcherSettings settings;
    private final BatchQueue<I, O> queue;
    private final StatsRecorder stats = new StatsRecorder();
    private final List<Thread> workers;

    /** Starts one worker thread, {@code batcher-<name>-0}, a daemon. */
    public DynamicBatcher(BatchFunction<I, O> function, BatcherSettings settings) {
        this(function, settings, 1);
    }

    /**
     * Starts {@code workerCount} worker threads ({@code batcher-<name>-<i>}, daemons), each taking the next
     * batch as soon as it is free: on a CPU, two single-threaded ONNX Runtime calls at once use two
     * cores better than one call split over both.
     */
    public DynamicBatcher(BatchFunction<I, O> function, BatcherSettings settings, int workerCount) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workerCount);
        }
        this.function = Objects.requireNonNull(function, "function");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = new BatchQueue<>(settings);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::runWorker, "batcher-" + settings.name() + "-" + i);
            worker.setDaemon(true);
            threads.add(worker);
        }
        this.workers = List.copyOf(threads);
        workers.forEach(Thread::start);
    }

    /**
     * Runs {@code items} through the batch function and waits for their results.
     *
     * @param items any number of non-null items, copied on entry; empty returns an empty list at once
     * @return one result per item, in the order of {@code items}
     * @throws BatchFailedException  if a batch holding some of these items failed
     * @throws IllegalStateException if the batcher is closed
     * @throws InterruptedException  if interrupted while waiting for room or for the results; items
     *                               already queued still run and their results are dropped
     */
    public List<O> submit(List<I> items) throws InterruptedException {
        try {
            return submitAsync(items).get();
        } catch (ExecutionException e) {
            // The worker fails requests with BatchFailedException only.
            throw (BatchFailedException) e.getCause();
        }
    }

    /**
     * Queues {@code items} and returns a future of their results. Blocks only while the queue is full
     * (back-pressure), until the last item is queued. The future completes on the worker thread, so
     * dependent stages that are not {@code *Async} delay every later batch while they run.
     *
     * @param items any number of non-null items, copied on entry; empty gives a completed future
     * @return the results in the order of {@code items}, or a {@link BatchFailedException}
     * @throws IllegalStateException if the batcher is closed
     * @throws InterruptedException  if interrupted while waiting for room; items already queued still
     *                               run and their results are dropped
     */
    public CompletableFuture<List<O>> submitAsync(List<I> items) throws InterruptedException {
        PendingRequest<I, O> request = new PendingRequest<>(items);
        queue.put(request);
        return request.future();
    }

    /** A snapshot of the batches run so far and of the queue now. */
    public BatcherStats stats() {
        return stats.snapshot(queue.depth());
    }

    /**
     * Stops accepting work, runs everything already accepted (without waiting for batches to fill),
     * then stops the workers. Returns once the workers have stopped, or at once when called from the batch
     * function itself; an interrupt while waiting returns early with the interrupt status set, the
     * worker still finishing in the background. Calling it again does no harm.
     */
    @Override
    public void close() {
        queue.close();
        if (workers.contains(Thread.currentThread())) {
            return;
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runWorker() {
        while (true) {
            Batch<I, O> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                // Only close() stops the worker: an interrupt (say, one the batch function left
                // pending) must not strand the callers still queued.
                continue;
            }
            if (batch == null) {
                return;
            }
            run(batch);
        }
    }

    private void run(Batch<I, O> batch) {
        List<O> outputs;
        try {
            outputs = requireOneResultPerItem(function.apply(batch.items()), batch.size());
        } catch (Throwable failure) {
            // Errors too (say, out of memory on a large batch): the callers must not wait forever,
            // and later, smaller batches may well succeed.
            stats.record(batch.size(), false);
            batch.fail(() -> new BatchFailedException(settings.name(), batch.size(), failure));
            return;
        }
        // Recorded before the callers wake, so that stats() already counts a batch they have seen.
        stats.record(batch.size(), true);
        batch.complete(outputs);
    }

    private static <O> List<O> requireOneResultPerItem(List<O> outputs, int items) {
        if (outputs == null || outputs.size() != items) {
            throw new IllegalStateException("batch function returned "
                    + (outputs == null ? "null" : outputs.size() + " results") + " for " + items + " items");
        }
        return outputs;
    }
}
