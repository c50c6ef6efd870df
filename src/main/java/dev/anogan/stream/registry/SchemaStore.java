package dev.anogan.stream.registry;

import dev.anogan.stream.registry.RegistryState.Version;
import dev.anogan.stream.registry.SchemaLogEntry.Compatibility;
import dev.anogan.stream.registry.SchemaLogEntry.CompatibilityRemoved;
import dev.anogan.stream.registry.SchemaLogEntry.SchemaText;
import dev.anogan.stream.registry.SchemaLogEntry.SubjectVersion;
import dev.anogan.stream.registry.SchemaLogEntry.VersionRemoved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's rules over its {@link RegistryState}, as Confluent's registry has them: registry-wide ids (from 1,
 * one per distinct schema text, never reused), subjects with versions (from 1), soft and permanent deletes, and a
 * compatibility level per subject enforced at registration. Every change is appended to the {@link SchemaLog}
 * before it takes effect and before the caller hears of it; the log is replayed when the store is created.
 * Failures are {@link RegistryException}s with Confluent's error codes. Thread-safe.
 */
final class SchemaStore implements AutoCloseable {

    private final String url;
    private final SchemaLog log;
    private final CompatibilityLevel defaultLevel;
    private final RegistryState state = new RegistryState();

    /**
     * Rebuilds the state from {@code log}, which the store then owns and closes.
     *
     * @param url          the registry's base URL, named in the errors
     * @param defaultLevel the compatibility level until one is set for the registry or the subject
     */
    SchemaStore(String url, SchemaLog log, CompatibilityLevel defaultLevel) {
        this.url = url;
        this.log = log;
        this.defaultLevel = defaultLevel;
        log.readAll().forEach(state::apply);
    }

    /** Registers {@code schema} under {@code subject} unless it is a live version there already; its id either way. */
    synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        Optional<Integer> known = state.idOf(text);
        List<Version> live = state.versions(subject, false);
        if (known.isPresent() && live.stream().anyMatch(v -> v.id() == known.get())) {
            return known.get();
        }
        CompatibilityLevel level = level(subject);
        List<String> problems = level.incompatibilities(schema, against(level, live));
        if (!problems.isEmpty()) {
            throw RegistryError.INCOMPATIBLE_SCHEMA.exception(url, "Schema being registered is incompatible with "
                    + (level.isTransitive() ? "an earlier schema" : "the latest schema") + " of subject '" + subject
                    + "' (compatibility level " + level + "): " + String.join("; ", problems));
        }
        int id = known.orElseGet(() -> {
            int next = state.nextId();
            commit(new SchemaText(next, text));
            return next;
        });
        commit(new SubjectVersion(subject, state.nextVersion(subject), id, false));
        return id;
    }

    /** The version of {@code subject} that is {@code schema} (the latest such). */
    synchronized RegisteredSchema lookup(String subject, Schema schema, boolean deleted) {
        List<Version> versions = existingVersions(subject, deleted);
        Optional<Integer> id = state.idOf(schema.toString());
        return versions.stream().filter(v -> id.isPresent() && v.id() == id.get())
                .reduce((first, second) -> second)
                .map(this::registered)
                .orElseThrow(() -> RegistryError.SCHEMA_NOT_FOUND.exception(url, "Schema not found"));
    }

    synchronized List<Integer> versions(String subject, boolean deleted) {
        return existingVersions(subject, deleted).stream().map(Version::version).toList();
    }

    synchronized RegisteredSchema version(String subject, VersionRef ref, boolean deleted) {
        return registered(find(subject, ref, deleted));
    }

    synchronized RegisteredSchema latest(String subject) {
        return version(subject, VersionRef.LATEST, false);
    }

    synchronized Schema schemaById(int id) {
        return state.schema(id).orElseThrow(() -> schemaNotFound(id));
    }

    /** The subjects and versions that are schema {@code id}; empty when it is in none any more. */
    synchronized List<SubjectVersionRef> subjectVersionsOf(int id, boolean deleted) {
        schemaById(id);
        List<SubjectVersionRef> refs = new ArrayList<>();
        for (Map.Entry<String, List<Version>> uses : state.usesOf(id, deleted).entrySet()) {
            uses.getValue().forEach(v -> refs.add(new SubjectVersionRef(uses.getKey(), v.version())));
        }
        return refs;
    }

    /** The subjects, sorted; with {@code deleted} also those whose versions are all soft-deleted. */
    synchronized List<String> subjects(boolean deleted) {
        return state.subjects(deleted);
    }

    /** The registry's level: the one set with {@link #setGlobalLevel}, else the default. */
    synchronized CompatibilityLevel globalLevel() {
        return state.globalLevel().orElse(defaultLevel);
    }

    synchronized void setGlobalLevel(CompatibilityLevel level) {
        commit(new Compatibility(Optional.empty(), level));
    }

    /**
     * The subject's own level; without one, the registry's when {@code defaultToGlobal}.
     *
     * @throws RegistryException 404 with error code 40408 when the subject has none and the global one is not wanted
     */
    synchronized CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = state.subjectLevel(subject);
        if (own.isEmpty() && !defaultToGlobal) {
            throw RegistryError.SUBJECT_COMPATIBILITY_NOT_CONFIGURED.exception(url, "Subject '" + subject
                    + "' does not have subject-level compatibility configured");
        }
        return own.orElseGet(this::globalLevel);
    }

    /** Sets the subject's own level; the subject need not have versions yet. */
    synchronized void setSubjectLevel(String subject, CompatibilityLevel level) {
        commit(new Compatibility(Optional.of(subject), level));
    }

    /** Removes the subject's own level, so that the registry's applies again; answers the removed one. */
    synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
        if (state.subjectLevel(subject).isEmpty() && state.versions(subject, true).isEmpty()) {
            throw subjectNotFound(subject);
        }
        CompatibilityLevel removed = subjectLevel(subject, false);
        commit(new CompatibilityRemoved(subject));
        return removed;
    }

    /**
     * Why {@code schema} could not follow {@code subject}'s schemas at its level; empty when it could. Against the
     * version {@code ref} names when present (the latest of none is no constraint), else against the versions the
     * level checks.
     */
    synchronized List<String> incompatibilities(String subject, Optional<VersionRef> ref, Schema schema) {
        CompatibilityLevel level = level(subject);
        List<Version> live = state.versions(subject, false);
        if (ref.isEmpty()) {
            return level.incompatibilities(schema, against(level, live));
        }
        if (ref.get().isLatest() && live.isEmpty()) {
            return List.of();
        }
        return level.incompatibilities(schema, List.of(schemaOf(find(subject, ref.get(), false))));
    }

    /**
     * Deletes every version of {@code subject}: softly (they stay readable with {@code deleted=true} and their ids
     * keep resolving), or permanently once soft-deleted, which also drops the subject's own level.
     *
     * @return the versions deleted
     */
    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Version> all = state.versions(subject, true);
        List<Version> live = state.versions(subject, false);
        if (all.isEmpty()) {
            throw subjectNotFound(subject);
        }
        if (permanent) {
            if (!live.isEmpty()) {
                throw RegistryError.SUBJECT_NOT_SOFT_DELETED.exception(url, "Subject '" + subject
                        + "' was not deleted first before being permanently deleted");
            }
            all.forEach(v -> commit(new VersionRemoved(subject, v.version())));
            if (state.subjectLevel(subject).isPresent()) {
                commit(new CompatibilityRemoved(subject));
            }
            return all.stream().map(Version::version).toList();
        }
        if (live.isEmpty()) {
            throw RegistryError.SUBJECT_SOFT_DELETED.exception(url, "Subject '" + subject
                    + "' was soft deleted. Set permanent=true to delete permanently");
        }
        live.forEach(v -> commit(new SubjectVersion(subject, v.version(), v.id(), true)));
        return live.stream().map(Version::version).toList();
    }

    /** Deletes one version, softly or (once soft-deleted) permanently; answers its number. */
    synchronized int deleteVersion(String subject, VersionRef ref, boolean permanent) {
        // "latest" is the newest live version for a soft delete, the newest of all for a permanent one.
        Version version = find(subject, ref, permanent || !ref.isLatest());
        if (permanent) {
            if (!version.deleted()) {
                throw RegistryError.VERSION_NOT_SOFT_DELETED.exception(url, "Subject '" + subject + "' Version "
                        + version.version() + " was not deleted first before being permanently deleted");
            }
            commit(new VersionRemoved(subject, version.version()));
        } else {
            if (version.deleted()) {
                throw RegistryError.VERSION_SOFT_DELETED.exception(url, "Subject '" + subject + "' Version "
                        + version.version() + " was soft deleted. Set permanent=true to delete permanently");
            }
            commit(new SubjectVersion(subject, version.version(), version.id(), true));
        }
        return version.version();
    }

    /** Closes the log. */
    @Override
    public void close() {
        log.close();
    }

    private CompatibilityLevel level(String subject) {
        return state.subjectLevel(subject).orElseGet(this::globalLevel);
    }

    /** The schemas a level checks a new one against: every live version when transitive, else the latest. */
    private List<Schema> against(CompatibilityLevel level, List<Version> live) {
        List<Version> checked = level.isTransitive() || live.isEmpty() ? live : live.subList(live.size() - 1,
                live.size());
        return checked.stream().map(this::schemaOf).toList();
    }

    private List<Version> existingVersions(String subject, boolean deleted) {
        List<Version> versions = state.versions(subject, deleted);
        if (versions.isEmpty()) {
            throw subjectNotFound(subject);
        }
        return versions;
    }

    /** The version {@code ref} names; the latest is the newest live one, or with {@code deleted} the newest one. */
    private Version find(String subject, VersionRef ref, boolean deleted) {
        List<Version> versions = existingVersions(subject, deleted);
        if (ref.isLatest()) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == ref.number()).findFirst()
                .orElseThrow(() -> RegistryError.VERSION_NOT_FOUND.exception(url, "Version " + ref + " not found."));
    }

    private RegisteredSchema registered(Version version) {
        return new RegisteredSchema(version.id(), version.version(), schemaOf(version));
    }

    private Schema schemaOf(Version version) {
        return state.schema(version.id()).orElseThrow(() -> schemaNotFound(version.id()));
    }

    private void commit(SchemaLogEntry entry) {
        try {
            log.append(entry);
        } catch (SchemaLogException e) {
            throw RegistryError.STORE_ERROR.exception(url, "Error while writing to the schema store: "
                    + e.getMessage());
        }
        state.apply(entry);
    }

    private RegistryException subjectNotFound(String subject) {
        return RegistryError.SUBJECT_NOT_FOUND.exception(url, "Subject '" + subject + "' not found.");
    }

    private RegistryException schemaNotFound(int id) {
        return RegistryError.SCHEMA_NOT_FOUND.exception(url, "Schema " + id + " not found");
    }
}
