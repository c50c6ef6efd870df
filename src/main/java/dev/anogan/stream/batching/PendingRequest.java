package dev.anogan.stream.batching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One caller's submission: its items, the slots their results are gathered in (its items may be
 * spread over several batches), and the future the caller waits on.
 */
final class PendingRequest<I, O> {

    private final List<I> items;
    private final List<O> results;
    private final CompletableFuture<List<O>> future = new CompletableFuture<>();
    /** Items whose results have not come back; guarded by this request's monitor (workers deliver concurrently). */
    private int outstanding;

    PendingRequest(List<I> items) {
        this.items = List.copyOf(items);
        this.results = new ArrayList<>(Collections.nCopies(this.items.size(), null));
        this.outstanding = this.items.size();
        if (outstanding == 0) {
            future.complete(List.of());
        }
    }

    List<I> items() {
        return items;
    }

    int size() {
        return items.size();
    }

    CompletableFuture<List<O>> future() {
        return future;
    }

    /** Stores the results of the items from {@code offset} on; completes the future with the last ones. */
    synchronized void deliver(int offset, List<O> outputs) {
        for (int i = 0; i < outputs.size(); i++) {
            results.set(offset + i, outputs.get(i));
        }
        outstanding -= outputs.size();
        if (outstanding == 0) {
            future.complete(Collections.unmodifiableList(results));
        }
    }

    /** Fails the whole request; results of its other batches are then ignored. */
    void fail(RuntimeException failure) {
        future.completeExceptionally(failure);
    }
}
