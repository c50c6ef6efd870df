package dev.anogan.stream.batching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A batch function for the tests: maps item {@code i} to {@code "r" + i}, records every batch it is
 * given, throws on a negative item, and can hold its first batch until the test releases it, so that
 * a test can queue work behind a busy worker without relying on timing.
 */
final class RecordingFunction implements BatchFunction<Integer, String> {

    static final long TIMEOUT_SECONDS = 20;

    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstBatchStarted = new CountDownLatch(1);
    private final CountDownLatch firstBatchReleased;

    private RecordingFunction(boolean holdFirstBatch) {
        firstBatchReleased = new CountDownLatch(holdFirstBatch ? 1 : 0);
    }

    static RecordingFunction immediate() {
        return new RecordingFunction(false);
    }

    static RecordingFunction holdingFirstBatch() {
        return new RecordingFunction(true);
    }

    static String resultOf(int item) {
        return "r" + item;
    }

    static List<String> resultsOf(List<Integer> items) {
        return items.stream().map(RecordingFunction::resultOf).toList();
    }

    @Override
    public List<String> apply(List<Integer> batch) throws InterruptedException {
        batches.add(List.copyOf(batch));
        firstBatchStarted.countDown();
        if (!firstBatchReleased.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the first batch");
        }
        if (batch.stream().anyMatch(item -> item < 0)) {
            throw new IllegalArgumentException("poisoned batch " + batch);
        }
        return resultsOf(batch);
    }

    /** Waits until the worker is inside the function with its first batch. */
    void awaitFirstBatch() throws InterruptedException {
        if (!firstBatchStarted.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the worker never started a batch");
        }
    }

    void releaseFirstBatch() {
        firstBatchReleased.countDown();
    }

    List<Integer> batchSizes() {
        synchronized (batches) {
            return batches.stream().map(List::size).toList();
        }
    }

    List<List<Integer>> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }
}
