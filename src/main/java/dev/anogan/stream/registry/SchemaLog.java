package dev.anogan.stream.registry;

import java.util.List;

/**
 * Where the registry keeps its changes so that they outlive the process: {@link #NONE} keeps nothing (a registry
 * for tests), {@link KafkaSchemaLog} a compacted topic. The registry appends every change before it answers and
 * replays them all when it starts. The registry that opened a log closes it.
 */
interface SchemaLog extends AutoCloseable {

    /** A log that keeps nothing: the registry lives in memory only. */
    SchemaLog NONE = new SchemaLog() {
        @Override
        public List<SchemaLogEntry> readAll() {
            return List.of();
        }

        @Override
        public void append(SchemaLogEntry entry) {
            // kept in memory by the registry alone
        }

        @Override
        public void close() {
            // nothing held
        }
    };

    /** Every entry appended so far, oldest first (what compaction left of them). */
    List<SchemaLogEntry> readAll();

    /**
     * Writes {@code entry} durably, returning once it is written.
     *
     * @throws SchemaLogException when it could not be written
     */
    void append(SchemaLogEntry entry);

    @Override
    void close();
}
