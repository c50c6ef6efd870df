package dev.anogan.stream.topology;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * The longest time without scores of each input partition, from when the scores were seen. A score carries its
 * input record's key, and the benchmark's producer partitions by key with Kafka's default partitioner, so the
 * key tells the input partition.
 */
final class PartitionGaps {

    private final long[] lastSeenMs;
    private final long[] longestGapMs;

    PartitionGaps(int partitions) {
        lastSeenMs = new long[partitions];
        longestGapMs = new long[partitions];
    }

    void seen(byte[] key, long atMs) {
        int partition = BuiltInPartitioner.partitionForKey(key, lastSeenMs.length);
        if (lastSeenMs[partition] != 0) {
            longestGapMs[partition] = Math.max(longestGapMs[partition], atMs - lastSeenMs[partition]);
        }
        lastSeenMs[partition] = atMs;
    }

    /** Per partition, in partition order, ms. */
    List<Long> longestGapsMs() {
        return Arrays.stream(longestGapMs).boxed().toList();
    }
}
