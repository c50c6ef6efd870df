package dev.anogan.stream.registry;

import java.util.Optional;

/**
 * One change of the registry's state, as its {@link SchemaLog} keeps it. Replaying all entries in order rebuilds
 * the state; each entry names the key it sets (or removes), so that a compacted log keeps the latest entry per key.
 */
sealed interface SchemaLogEntry {

    /** Schema {@code id} has the text {@code schema}. Never removed: an id, once handed out, keeps its schema. */
    record SchemaText(int id, String schema) implements SchemaLogEntry {
    }

    /** Version {@code version} of {@code subject} is schema {@code id}, soft-deleted or not. */
    record SubjectVersion(String subject, int version, int id, boolean deleted) implements SchemaLogEntry {
    }

    /** Version {@code version} of {@code subject} is gone for good (a permanent delete). */
    record VersionRemoved(String subject, int version) implements SchemaLogEntry {
    }

    /** The compatibility level of {@code subject}, or the registry's global one when empty. */
    record Compatibility(Optional<String> subject, CompatibilityLevel level) implements SchemaLogEntry {
    }

    /** {@code subject}'s own compatibility level is removed: it follows the global one again. */
    record CompatibilityRemoved(String subject) implements SchemaLogEntry {
    }
}
