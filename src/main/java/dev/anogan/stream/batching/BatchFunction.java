package dev.anogan.stream.batching;

import java.util.List;

/**
 * The work a {@link DynamicBatcher} runs on each batch it forms, typically one ONNX Runtime call.
 * It is called from the batcher's single worker thread only, so it need not be thread-safe.
 *
 * @param <I> item type
 * @param <O> result type
 */
@FunctionalInterface
public interface BatchFunction<I, O> {

    /**
     * Computes the results of one batch.
     *
     * @param batch the items, never empty and never longer than the batcher's maxBatchSize
     * @return one result per item, in the order of {@code batch}
     * @throws Exception to fail every caller with items in this batch; later batches still run
     */
    List<O> apply(List<I> batch) throws Exception;
}
