package dev.anogan.stream.batching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between the submitting threads and the worker, and the rule that cuts it into
 * batches. Capacity is counted in items; a request is queued in segments as room frees up, so that a
 * request larger than the capacity still gets through.
 */
final class BatchQueue<I, O> {

    private final BatcherSettings settings;
    private final long maxDelayNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when room frees up. */
    private final Condition notFull = lock.newCondition();
    /** Signalled when the worker may have a batch to take or may stop. */
    private final Condition workerWakeUp = lock.newCondition();
    private final Deque<Segment<I, O>> segments = new ArrayDeque<>();
    private int queuedItems;
    /** Submitters admitted before close() whose items are not all queued yet. */
    private int submittersQueueing;
    private boolean closed;

    BatchQueue(BatcherSettings settings) {
        this.settings = settings;
        this.maxDelayNanos = settings.maxQueueDelay().toNanos();
    }

    /**
     * Queues all items of {@code request}, blocking while the queue is full. A request admitted before
     * {@link #close()} is queued in full even if the queue closes meanwhile. If interrupted, the items
     * already queued still run and their results are dropped.
     *
     * @throws IllegalStateException if the queue is closed
     */
    void put(PendingRequest<I, O> request) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (closed) {
                throw new IllegalStateException("batcher " + settings.name() + " is closed");
            }
            submittersQueueing++;
            try {
                queueAll(request);
            } finally {
                submittersQueueing--;
                if (closed && submittersQueueing == 0) {
                    workerWakeUp.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void queueAll(PendingRequest<I, O> request) throws InterruptedException {
        int offset = 0;
        while (offset < request.size()) {
            while (queuedItems == settings.queueCapacity()) {
                notFull.await();
            }
            int length = Math.min(settings.queueCapacity() - queuedItems, request.size() - offset);
            boolean wasEmpty = queuedItems == 0;
            segments.addLast(new Segment<>(request, offset, length, System.nanoTime()));
            queuedItems += length;
            offset += length;
            // Otherwise the worker is busy or already waiting for the oldest item's deadline, which
            // this segment does not move.
            if (wasEmpty || queuedItems >= settings.maxBatchSize()) {
                workerWakeUp.signal();
            }
        }
    }

    /**
     * Waits for the next batch: {@code maxBatchSize} items as soon as they are queued, otherwise what
     * {@link BatcherSettings#batchSizeAfterDelay} allows once the oldest item has waited
     * {@code maxQueueDelay}. Once closed, queued items are sent without waiting.
     *
     * @return the batch, or {@code null} when the queue is closed and everything admitted has been taken
     */
    Batch<I, O> take() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (queuedItems >= settings.maxBatchSize()) {
                    return removeFirst(settings.maxBatchSize());
                }
                if (queuedItems == 0) {
                    if (closed && submittersQueueing == 0) {
                        return null;
                    }
                    workerWakeUp.await();
                    continue;
                }
                long waited = System.nanoTime() - segments.getFirst().enqueuedAtNanos();
                long waitLeft = closed ? 0 : maxDelayNanos - waited;
                if (waitLeft <= 0) {
                    return removeFirst(settings.batchSizeAfterDelay(queuedItems));
                }
                workerWakeUp.awaitNanos(waitLeft);
            }
        } finally {
            lock.unlock();
        }
    }

    private Batch<I, O> removeFirst(int size) {
        List<Segment<I, O>> taken = new ArrayList<>();
        int missing = size;
        while (missing > 0) {
            Segment<I, O> head = segments.removeFirst();
            if (head.length() > missing) {
                taken.add(head.first(missing));
                segments.addFirst(head.skip(missing));
                missing = 0;
            } else {
                taken.add(head);
                missing -= head.length();
            }
        }
        queuedItems -= size;
        notFull.signalAll();
        return new Batch<>(taken, size);
    }

    /** Admits no more requests; the worker drains what is queued, then {@link #take()} returns null. */
    void close() {
        lock.lock();
        try {
            closed = true;
            workerWakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int depth() {
        lock.lock();
        try {
            return queuedItems;
        } finally {
            lock.unlock();
        }
    }
}
