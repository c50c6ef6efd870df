package dev.anogan.stream.batching;

import static dev.anogan.stream.batching.RecordingFunction.TIMEOUT_SECONDS;
import static dev.anogan.stream.batching.RecordingFunction.resultsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60)
class DynamicBatcherTest {

    /** So long that in these tests a batch forms only by filling up, or on close. */
    private static final Duration NEVER = Duration.ofMinutes(10);

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    private static BatcherSettings settings(int maxBatchSize, Duration delay, int queueCapacity) {
        return new BatcherSettings(maxBatchSize, delay, queueCapacity, "test");
    }

    private static List<Integer> range(int first, int count) {
        return IntStream.range(first, first + count).boxed().toList();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    /**
     * Submits {@code items} from another thread and returns once that thread has parked: when the
     * queue is full, it parks waiting for room.
     */
    private Future<List<String>> submitUntilParked(DynamicBatcher<Integer, String> batcher, List<Integer> items)
            throws InterruptedException {
        AtomicReference<Thread> submitter = new AtomicReference<>();
        Future<List<String>> results = callers.submit(() -> {
            submitter.set(Thread.currentThread());
            return batcher.submit(items);
        });
        awaitCondition(() -> submitter.get() != null && submitter.get().getState() == Thread.State.WAITING,
                "the submitter parks");
        return results;
    }

    /**
     * Runs {@code submitsPerThread} submits of 1..{@code maxRequestSize} items (distinct across all
     * calls) from each of {@code threads} threads, asserting each gets its own results in order.
     *
     * @return the number of items submitted
     */
    private long submitConcurrently(DynamicBatcher<Integer, String> batcher, int threads, int submitsPerThread,
                                    int maxRequestSize) throws Exception {
        List<Future<Long>> submitted = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            submitted.add(callers.submit(() -> {
                Random random = new Random(thread);
                long items = 0;
                for (int s = 0; s < submitsPerThread; s++) {
                    int call = thread * submitsPerThread + s;
                    List<Integer> request = range(call * maxRequestSize, 1 + random.nextInt(maxRequestSize));
                    assertEquals(resultsOf(request), batcher.submit(request));
                    items += request.size();
                }
                return items;
            }));
        }
        long items = 0;
        for (Future<Long> thread : submitted) {
            items += await(thread);
        }
        return items;
    }

    @Nested
    class ConcurrentCallers {

        @Test
        void eachCallerGetsExactlyItsOwnResultsInOrderAndBatchesCoalesce() throws Exception {
            int threads = 16;
            int submitsPerThread = 200;
            try (DynamicBatcher<Integer, String> batcher =
                         new DynamicBatcher<>(RecordingFunction.immediate(), settings(64, Duration.ofMillis(5), 256))) {
                long items = submitConcurrently(batcher, threads, submitsPerThread, 20);

                BatcherStats stats = batcher.stats();
                assertEquals(items, stats.itemsProcessed());
                long submits = (long) threads * submitsPerThread;
                // Without coalescing there would be at least one batch per submit.
                assertTrue(stats.batchesRun() < submits / 2, "batches " + stats.batchesRun() + " for " + submits
                        + " submits, mean batch size " + stats.meanBatchSize());
            }
        }

        @Test
        void emptyRequestReturnsAnEmptyListWithoutCallingTheFunction() throws Exception {
            RecordingFunction function = RecordingFunction.immediate();
            try (DynamicBatcher<Integer, String> batcher = new DynamicBatcher<>(function, settings(4, NEVER, 4))) {
                assertEquals(List.of(), batcher.submit(List.of()));
            }
            assertEquals(List.of(), function.batchSizes());
        }
    }

    @Nested
    class SeveralWorkers {

        @Test
        void batchesRunAtTheSameTimeOnSeveralWorkers() throws Exception {
            java.util.concurrent.CyclicBarrier bothInside = new java.util.concurrent.CyclicBarrier(2);
            BatchFunction<Integer, String> function = batch -> {
                // Only two batches running at once get past the barrier; one worker would time out here.
                bothInside.await(20, java.util.concurrent.TimeUnit.SECONDS);
                return resultsOf(batch);
            };
            try (DynamicBatcher<Integer, String> batcher = new DynamicBatcher<>(function, settings(2, NEVER, 8), 2)) {
                CompletableFuture<List<String>> first = batcher.submitAsync(range(0, 2));
                CompletableFuture<List<String>> second = batcher.submitAsync(range(2, 2));
                assertEquals(resultsOf(range(0, 2)), first.get(30, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(resultsOf(range(2, 2)), second.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        }

        @Test
        void eachCallerGetsExactlyItsOwnResultsWithSeveralWorkers() throws Exception {
            try (DynamicBatcher<Integer, String> batcher =
                         new DynamicBatcher<>(RecordingFunction.immediate(), settings(8, Duration.ofMillis(2), 64), 3)) {
                long items = submitConcurrently(batcher, 8, 100, 20);
                assertEquals(items, batcher.stats().itemsProcessed());
            }
        }

        @Test
        void fewerThanOneWorkerIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DynamicBatcher<>(RecordingFunction.immediate(), settings(2, NEVER, 2), 0));
            assertEquals("workers must be >= 1, got 0", e.getMessage());
        }
    }

    @Nested
    class BackPressure {

        @Test
        void fullQueueBlocksTheSubmitterUntilTheWorkerDrainsIt() throws Exception {
            RecordingFunction function = RecordingFunction.holdingFirstBatch();
            try (DynamicBatcher<Integer, String> batcher = new DynamicBatcher<>(function, settings(4, NEVER, 4))) {
                CompletableFuture<List<String>> running = batcher.submitAsync(range(0, 4));
                function.awaitFirstBatch();
                CompletableFuture<List<String>> queued = batcher.submitAsync(range(4, 4));
                Future<List<String>> blocked = submitUntilParked(batcher, range(8, 4));

                assertEquals(4, batcher.stats().queueDepth(), "the third submitter's items must not be queued");
                assertFalse(blocked.isDone());

                function.releaseFirstBatch();
                assertEquals(resultsOf(range(0, 4)), await(running));
                assertEquals(resultsOf(range(4, 4)), await(queued));
                assertEquals(resultsOf(range(8, 4)), await(blocked));
            }
            assertEquals(List.of(4, 4, 4), function.batchSizes());
        }

        @Test
        void sustainedPressureOnASmallQueueDropsNothing() throws Exception {
            try (DynamicBatcher<Integer, String> batcher =
                         new DynamicBatcher<>(RecordingFunction.immediate(), settings(4, Duration.ofMillis(1), 4))) {
                long items = submitConcurrently(batcher, 4, 100, 10);
                assertEquals(items, batcher.stats().itemsProcessed());
                assertEquals(4, batcher.stats().largestBatch());
            }
        }
    }

    @Nested
    class QueueDelay {

        @Test
        void loneSmallRequestIsSentOnceTheDelayExpires() throws Exception {
            RecordingFunction function = RecordingFunction.immediate();
            try (DynamicBatcher<Integer, String> batcher =
                         new DynamicBatcher<>(function, settings(1000, Duration.ofMillis(20), 1000))) {
                // The batch can never fill up: only the delay can send it. The margin is wide on purpose.
                assertEquals(List.of("r7"), batcher.submitAsync(List.of(7)).get(5, TimeUnit.SECONDS));
            }
            assertEquals(List.of(1), function.batchSizes());
        }

        @Test
        void fullBatchIsSentWithoutWaitingForTheDelay() throws Exception {
            RecordingFunction function = RecordingFunction.immediate();
            try (DynamicBatcher<Integer, String> batcher = new DynamicBatcher<>(function, settings(3, NEVER, 3))) {
                CompletableFuture<List<String>> first = batcher.submitAsync(List.of(1));
                CompletableFuture<List<String>> second = batcher.submitAsync(List.of(2, 3));
                assertEquals(List.of("r1"), await(first));
                assertEquals(List.of("r2", "r3"), await(second));
            }
            assertEquals(List.of(List.of(1, 2, 3)), function.batches());
        }
    }

    @Nested
    class PreferredSizes {

        static Stream<Arguments> preferredSizes() {
            return Stream.of(
                    Arguments.of(List.of(2, 4, 8), List.of(16, 8, 2, 1)),
                    Arguments.of(List.of(4, 8), List.of(16, 8, 3)),
                    Arguments.of(List.of(), List.of(16, 11)));
        }

        @ParameterizedTest
        @MethodSource("preferredSizes")
        void afterTheDelayTheLargestPreferredSizeThatFitsIsSent(List<Integer> preferred, List<Integer> expectedSizes)
                throws Exception {
            RecordingFunction function = RecordingFunction.holdingFirstBatch();
            BatcherSettings settings = new BatcherSettings(16, Duration.ofMillis(20), preferred, 64, "test");
            try (DynamicBatcher<Integer, String> batcher = new DynamicBatcher<>(function, settings)) {
                CompletableFuture<List<String>> full = batcher.submitAsync(range(0, 16));
                function.awaitFirstBatch();
                // 11 items queue up behind the busy worker, from three callers.
                List<CompletableFuture<List<String>>> waiting = List.of(batcher.submitAsync(range(100, 3)),
                        batcher.submitAsync(range(200, 3)), batcher.submitAsync(range(300, 5)));
                function.releaseFirstBatch();

                assertEquals(resultsOf(range(0, 16)), await(full));
                assertEquals(resultsOf(range(100, 3)), await(waiting.get(0)));
                assertEquals(resultsOf(range(200, 3)), await(waiting.get(1)));
                assertEquals(resultsOf(range(300, 5)), await(waiting.get(2)));
            }
            assertEquals(expectedSizes, function.batchSizes());
        }
    }

    @Nested
    class Failures {

        @Test
        void failingBatchFailsExactlyItsCallersAndLaterBatchesSucceed() throws Exception {
            RecordingFunction function = RecordingFunction.holdingFirstBatch();
            try (DynamicBatcher<Integer, String> batcher = new DynamicBatcher<>(function, settings(4, NEVER, 16))) {
                CompletableFuture<List<String>> before = batcher.submitAsync(range(0, 4));
                function.awaitFirstBatch();
                CompletableFuture<List<String>> neighbour = batcher.submitAsync(List.of(10, 11));
                CompletableFuture<List<String>> poisoned = batcher.submitAsync(List.of(-1, 12));
                CompletableFuture<List<String>> after = batcher.submitAsync(range(20, 4));
                function.releaseFirstBatch();

                assertEquals(resultsOf(range(0, 4)), await(before));
                for (CompletableFuture<List<String>> failed : List.of(neighbour, poisoned)) {
                    ExecutionException e = assertThrows(ExecutionException.class, () -> await(failed));
                    BatchFailedException failure = assertInstanceOf(BatchFailedException.class, e.getCause());
                    assertTrue(failure.getMessage().startsWith("batcher test: batch of 4 items failed"),
                            failure.getMessage());
                    assertInstanceOf(IllegalArgumentException.class, failure.getCause());
                }
                assertEquals(resultsOf(range(20, 4)), await(after));

                assertThrows(BatchFailedException.class, () -> batcher.submit(List.of(1, 2, -3, 4)));
                assertEquals(resultsOf(range(30, 4)), batcher.submit(range(30, 4)));
                assertEquals(2, batcher.stats().failedBatches());
            }
        }

        @Test
        void wrongNumberOfResultsFailsTheBatch() throws Exception {
            BatchFunction<Integer, String> dropsOne = batch -> resultsOf(batch.subList(1, batch.size()));
            try (DynamicBatcher<Integer, String> batcher = new DynamicBatcher<>(dropsOne, settings(2, NEVER, 2))) {
                BatchFailedException failure = assertThrows(BatchFailedException.class,
                        () -> batcher.submit(List.of(1, 2)));
                assertEquals("batch function returned 1 results for 2 items", failure.getCause().getMessage());
            }
        }
    }

    @Nested
    class OversizeRequests {

        @Test
        void requestLargerThanBatchAndQueueIsSplitAndReassembledInOrder() throws Exception {
            RecordingFunction function = RecordingFunction.immediate();
            List<Integer> request = range(0, 50);
            try (DynamicBatcher<Integer, String> batcher =
                         new DynamicBatcher<>(function, settings(8, Duration.ofMillis(1), 8))) {
                assertEquals(resultsOf(request), batcher.submit(request));
            }
            assertTrue(function.batchSizes().stream().allMatch(size -> size <= 8), function.batchSizes().toString());
            assertEquals(request, function.batches().stream().flatMap(List::stream).toList());
        }
    }

    @Nested
    class Closing {

        @Test
        void closeRunsQueuedWorkWithoutWaitingForTheDelayThenRejectsNewWork() throws Exception {
            DynamicBatcher<Integer, String> batcher =
                    new DynamicBatcher<>(RecordingFunction.immediate(), settings(100, NEVER, 100));
            CompletableFuture<List<String>> queued = batcher.submitAsync(range(0, 3));

            batcher.close();

            assertTrue(queued.isDone());
            assertEquals(resultsOf(range(0, 3)), queued.get());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> batcher.submit(List.of(1)));
            assertEquals("batcher test is closed", e.getMessage());
            assertThrows(IllegalStateException.class, () -> batcher.submitAsync(List.of()));
            batcher.close();
        }

        @Test
        void closeStopsTheWorkerThread() throws Exception {
            AtomicReference<Thread> worker = new AtomicReference<>();
            BatchFunction<Integer, String> function = batch -> {
                worker.set(Thread.currentThread());
                return resultsOf(batch);
            };
            DynamicBatcher<Integer, String> batcher = new DynamicBatcher<>(function, settings(1, NEVER, 1));
            batcher.submit(List.of(1));

            batcher.close();

            assertEquals("batcher-test-0", worker.get().getName());
            assertFalse(worker.get().isAlive());
        }

        @Test
        void submitterBlockedOnAFullQueueWhenCloseIsCalledStillGetsItsResults() throws Exception {
            RecordingFunction function = RecordingFunction.holdingFirstBatch();
            DynamicBatcher<Integer, String> batcher = new DynamicBatcher<>(function, settings(2, NEVER, 2));
            CompletableFuture<List<String>> running = batcher.submitAsync(range(0, 2));
            function.awaitFirstBatch();
            CompletableFuture<List<String>> queued = batcher.submitAsync(range(2, 2));
            Future<List<String>> blocked = submitUntilParked(batcher, range(4, 2));
            Future<?> closing = callers.submit(batcher::close);
            awaitCondition(() -> isClosed(batcher), "the batcher is closed");

            function.releaseFirstBatch();

            await(closing);
            assertEquals(resultsOf(range(0, 2)), running.get());
            assertEquals(resultsOf(range(2, 2)), queued.get());
            assertEquals(resultsOf(range(4, 2)), await(blocked));
        }

        private static boolean isClosed(DynamicBatcher<Integer, String> batcher) {
            try {
                batcher.submitAsync(List.of());
                return false;
            } catch (IllegalStateException e) {
                return true;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class Stats {

        @Test
        void statsCountBatchesItemsAndQueueDepth() throws Exception {
            DynamicBatcher<Integer, String> batcher =
                    new DynamicBatcher<>(RecordingFunction.immediate(), settings(4, NEVER, 8));
            batcher.submit(range(0, 4));
            batcher.submit(range(4, 4));
            batcher.submitAsync(range(8, 2));

            BatcherStats running = batcher.stats();
            assertEquals(2, running.queueDepth());
            assertEquals(new TreeMap<>(Map.of(4, 2L)), running.batchSizeCounts());
            assertEquals(8, running.itemsProcessed());

            batcher.close();

            BatcherStats closed = batcher.stats();
            assertEquals(0, closed.queueDepth());
            assertEquals(new TreeMap<>(Map.of(2, 1L, 4, 2L)), closed.batchSizeCounts());
            assertEquals(3, closed.batchesRun());
            assertEquals(10, closed.itemsProcessed());
            assertEquals(4, closed.largestBatch());
            assertEquals(10.0 / 3, closed.meanBatchSize(), 1e-9);
            assertEquals(0, closed.failedBatches());
        }
    }
}
