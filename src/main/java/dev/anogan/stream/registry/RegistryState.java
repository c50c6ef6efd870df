package dev.anogan.stream.registry;

import dev.anogan.stream.registry.SchemaLogEntry.Compatibility;
import dev.anogan.stream.registry.SchemaLogEntry.CompatibilityRemoved;
import dev.anogan.stream.registry.SchemaLogEntry.SchemaText;
import dev.anogan.stream.registry.SchemaLogEntry.SubjectVersion;
import dev.anogan.stream.registry.SchemaLogEntry.VersionRemoved;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * What the registry knows, built only by {@link #apply applying} {@link SchemaLogEntry log entries}, so that a
 * replay of its log rebuilds it exactly. Queries answer plain data; the rules live in {@link SchemaStore}. Not
 * thread-safe: the store serialises access.
 */
final class RegistryState {

    /** One version of a subject. */
    record Version(int version, int id, boolean deleted) {
    }

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<String, NavigableMap<Integer, Version>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private Optional<CompatibilityLevel> globalLevel = Optional.empty();
    private int maxId;

    void apply(SchemaLogEntry entry) {
        if (entry instanceof SchemaText s) {
            schemasById.put(s.id(), new Schema.Parser().parse(s.schema()));
            idsByText.put(s.schema(), s.id());
            maxId = Math.max(maxId, s.id());
        } else if (entry instanceof SubjectVersion v) {
            subjects.computeIfAbsent(v.subject(), s -> new TreeMap<>())
                    .put(v.version(), new Version(v.version(), v.id(), v.deleted()));
        } else if (entry instanceof VersionRemoved r) {
            NavigableMap<Integer, Version> versions = subjects.get(r.subject());
            if (versions != null) {
                versions.remove(r.version());
                if (versions.isEmpty()) {
                    subjects.remove(r.subject());
                }
            }
        } else if (entry instanceof Compatibility c) {
            c.subject().ifPresentOrElse(s -> subjectLevels.put(s, c.level()),
                    () -> globalLevel = Optional.of(c.level()));
        } else if (entry instanceof CompatibilityRemoved r) {
            subjectLevels.remove(r.subject());
        }
    }

    Optional<Schema> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    Optional<Integer> idOf(String schemaText) {
        return Optional.ofNullable(idsByText.get(schemaText));
    }

    /** The id after the highest ever handed out: ids are never reused, not even after a permanent delete. */
    int nextId() {
        return maxId + 1;
    }

    /** The subject's versions, oldest first; soft-deleted ones only with {@code deleted}. */
    List<Version> versions(String subject, boolean deleted) {
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream()
                .filter(v -> deleted || !v.deleted())
                .toList();
    }

    /** The number the subject's next version gets: one more than its highest, soft-deleted ones included. */
    int nextVersion(String subject) {
        NavigableMap<Integer, Version> versions = subjects.get(subject);
        return versions == null ? 1 : versions.lastKey() + 1;
    }

    /** The subjects, sorted; those with soft-deleted versions only with {@code deleted}. */
    List<String> subjects(boolean deleted) {
        return subjects.keySet().stream().filter(s -> !versions(s, deleted).isEmpty()).toList();
    }

    /** Every (subject, version) that is schema {@code id}, by subject. */
    Map<String, List<Version>> usesOf(int id, boolean deleted) {
        Map<String, List<Version>> uses = new TreeMap<>();
        for (String subject : subjects.keySet()) {
            List<Version> of = versions(subject, deleted).stream().filter(v -> v.id() == id).toList();
            if (!of.isEmpty()) {
                uses.put(subject, of);
            }
        }
        return uses;
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    Optional<CompatibilityLevel> globalLevel() {
        return globalLevel;
    }
}
