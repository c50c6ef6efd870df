package dev.anogan.stream.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The segments the worker hands to the batch function in one call, and the way back to their callers. */
final class Batch<I, O> {

    private final List<Segment<I, O>> segments;
    private final int size;

    Batch(List<Segment<I, O>> segments, int size) {
        this.segments = segments;
        this.size = size;
    }

    int size() {
        return size;
    }

    List<I> items() {
        List<I> items = new ArrayList<>(size);
        segments.forEach(segment -> items.addAll(segment.items()));
        return items;
    }

    /** Hands each segment its slice of {@code outputs}, which has one result per item, in order. */
    void complete(List<O> outputs) {
        int position = 0;
        for (Segment<I, O> segment : segments) {
            segment.deliver(outputs.subList(position, position + segment.length()));
            position += segment.length();
        }
    }

    /** Fails every request with items in this batch, each with its own exception. */
    void fail(Supplier<RuntimeException> failure) {
        segments.forEach(segment -> segment.request().fail(failure.get()));
    }
}
