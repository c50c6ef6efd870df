package dev.anogan.stream.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The in-memory registry's data and rules: registry-wide ids (from 1, one per distinct schema text), subjects
 * with their versions (from 1), and BACKWARD compatibility against a subject's latest schema, as in Confluent's
 * default. Thread-safe.
 */
final class SchemaStore {

    private final String url;
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new TreeMap<>();

    /** @param url the registry's base URL, named in the errors */
    SchemaStore(String url) {
        this.url = url;
    }

    synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        Integer known = idsBySchemaText.get(text);
        List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
        if (known != null && versions.contains(known)) {
            return known;
        }
        if (!versions.isEmpty()) {
            SchemaPairCompatibility check = checkAgainstLatest(versions, schema);
            if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw RegistryError.INCOMPATIBLE_SCHEMA.exception(url, "Schema being registered is incompatible"
                        + " with the latest schema of subject '" + subject + "' (BACKWARD): " + details(check));
            }
        }
        int id = known != null ? known : add(text, schema);
        idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw RegistryError.SCHEMA_NOT_FOUND.exception(url, "Schema " + id + " not found");
        }
        return schemasById.get(id - 1);
    }

    synchronized RegisteredSchema latest(String subject) {
        List<Integer> versions = idsBySubject.get(subject);
        if (versions == null) {
            throw RegistryError.SUBJECT_NOT_FOUND.exception(url, "Subject '" + subject + "' not found");
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(id, versions.size(), schemaById(id));
    }

    /** Compatible when the subject has no schema yet, or when {@code schema} can read its latest one's data. */
    synchronized boolean isCompatible(String subject, Schema schema) {
        List<Integer> versions = idsBySubject.get(subject);
        return versions == null || checkAgainstLatest(versions, schema).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    /** The subjects, sorted. */
    synchronized List<String> subjects() {
        return List.copyOf(idsBySubject.keySet());
    }

    private int add(String text, Schema schema) {
        schemasById.add(schema);
        int id = schemasById.size();
        idsBySchemaText.put(text, id);
        return id;
    }

    private SchemaPairCompatibility checkAgainstLatest(List<Integer> versions, Schema reader) {
        Schema writer = schemaById(versions.get(versions.size() - 1));
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    }

    private static String details(SchemaPairCompatibility check) {
        return check.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .collect(Collectors.joining("; "));
    }
}
