package dev.anogan.stream.batching;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * The shared dynamic batcher ({@code anogan.batching.*}; env vars such as {@code ANOGAN_BATCHING_MAX_BATCH_SIZE}).
 */
@ConfigurationProperties(BatchingConfiguration.PREFIX)
public class BatchingConfiguration {

    public static final String PREFIX = "anogan.batching";

    /** Most patches per ONNX Runtime call. */
    @Min(1)
    private int maxBatchSize = 64;

    /** Longest a patch waits in the batcher's queue for its batch to fill. */
    @NotNull
    private Duration maxQueueDelay = Duration.ofMillis(10);

    /** Batch sizes to prefer once the delay is up (e.g. sizes a GPU runs best); empty: send all queued. */
    @NotNull
    private List<Integer> preferredBatchSizes = List.of();

    /** Patches the queue holds before callers are made to wait (back-pressure). */
    @Min(1)
    private int queueCapacity = 1024;

    /** Batches run at the same time, each on its own thread (one per core by default). */
    @Min(1)
    private int workers = Runtime.getRuntime().availableProcessors();

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public BatcherSettings settings(String name) {
        try {
            return new BatcherSettings(maxBatchSize, maxQueueDelay, preferredBatchSizes, queueCapacity, name);
        } catch (IllegalArgumentException e) {
            throw new io.micronaut.context.exceptions.ConfigurationException(PREFIX + ": " + e.getMessage(), e);
        }
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    public Duration getMaxQueueDelay() {
        return maxQueueDelay;
    }

    public void setMaxQueueDelay(Duration maxQueueDelay) {
        this.maxQueueDelay = maxQueueDelay;
    }

    public List<Integer> getPreferredBatchSizes() {
        return preferredBatchSizes;
    }

    public void setPreferredBatchSizes(List<Integer> preferredBatchSizes) {
        this.preferredBatchSizes = preferredBatchSizes;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }
}
