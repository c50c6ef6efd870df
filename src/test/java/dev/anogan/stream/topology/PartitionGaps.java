package dev.anogan.stream.topology;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * The longest time without scores of each input partition, and when it began, from when the scores were seen. A
 * score carries its input record's key, and the benchmark's producer partitions by key with Kafka's default
 * partitioner, so the key tells the input partition.
 */
final class PartitionGaps {

    private final long startMs;
    private final long[] lastSeenMs;
    private final long[] longestGapMs;
    private final long[] longestGapFromMs;

    /** @param startMs when the run began (wall clock, ms): gaps are timed from it */
    PartitionGaps(int partitions, long startMs) {
        this.startMs = startMs;
        lastSeenMs = new long[partitions];
        longestGapMs = new long[partitions];
        longestGapFromMs = new long[partitions];
    }

    void seen(byte[] key, long atMs) {
        int partition = BuiltInPartitioner.partitionForKey(key, lastSeenMs.length);
        long since = lastSeenMs[partition] != 0 ? lastSeenMs[partition] : startMs;
        if (atMs - since > longestGapMs[partition]) {
            longestGapMs[partition] = atMs - since;
            longestGapFromMs[partition] = since - startMs;
        }
        lastSeenMs[partition] = atMs;
    }

    /** Per partition, in partition order: its longest gap. */
    List<Gap> longestGaps() {
        return IntStream.range(0, lastSeenMs.length).mapToObj(p -> new Gap(longestGapMs[p], longestGapFromMs[p]))
                .toList();
    }

    /**
     * A time without scores.
     *
     * @param ms     how long
     * @param fromMs when it began, after the start of the run
     */
    record Gap(long ms, long fromMs) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d (at %.1f s)", ms, fromMs / 1e3);
        }
    }
}
