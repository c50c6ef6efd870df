package dev.anogan.stream.batching;

import java.util.List;

/**
 * A run of consecutive items of one request, as queued and as placed in a batch.
 *
 * @param enqueuedAtNanos {@link System#nanoTime()} when the run was queued; kept when it is split
 */
record Segment<I, O>(PendingRequest<I, O> request, int offset, int length, long enqueuedAtNanos) {

    /** The first {@code n} items of this run. */
    Segment<I, O> first(int n) {
        return new Segment<>(request, offset, n, enqueuedAtNanos);
    }

    /** This run without its first {@code n} items. */
    Segment<I, O> skip(int n) {
        return new Segment<>(request, offset + n, length - n, enqueuedAtNanos);
    }

    List<I> items() {
        return request.items().subList(offset, offset + length);
    }

    void deliver(List<O> outputs) {
        request.deliver(offset, outputs);
    }
}
