package dev.anogan.stream.topology;

/**
 * An input record as it arrived, with where it came from: what a dead letter must carry, and what the batch
 * buffer keeps until the record is scored.
 *
 * @param key       the key bytes; null when the record had none
 * @param value     the value bytes; null for a tombstone
 * @param topic     the topic it was read from
 * @param partition its partition
 * @param offset    its offset in that partition
 * @param timestamp its timestamp (ms since the epoch)
 */
public record SourceRecord(byte[] key, byte[] value, String topic, int partition, long offset, long timestamp) {
}
