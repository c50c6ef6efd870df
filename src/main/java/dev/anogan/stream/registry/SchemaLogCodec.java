package dev.anogan.stream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.registry.SchemaLogEntry.Compatibility;
import dev.anogan.stream.registry.SchemaLogEntry.CompatibilityRemoved;
import dev.anogan.stream.registry.SchemaLogEntry.SchemaText;
import dev.anogan.stream.registry.SchemaLogEntry.SubjectVersion;
import dev.anogan.stream.registry.SchemaLogEntry.VersionRemoved;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SchemaLogEntry} as the key and value of a record in a compacted topic, in JSON like Confluent's
 * {@code _schemas} topic: the key names what is set ({@code {"keytype":"VERSION","subject":..,"version":..}}), the
 * value is its content, and a removal is a tombstone (no value) so that compaction drops the key.
 */
final class SchemaLogCodec {

    /** A record's key and value; {@code value} is null for a tombstone. */
    record KeyValue(byte[] key, byte[] value) {
    }

    private static final String SCHEMA = "SCHEMA";
    private static final String VERSION = "VERSION";
    private static final String CONFIG = "CONFIG";

    private SchemaLogCodec() {
    }

    static KeyValue encode(SchemaLogEntry entry) {
        if (entry instanceof SchemaText s) {
            return new KeyValue(key(SCHEMA, "id", s.id()), json("id", s.id(), "schema", s.schema()));
        }
        if (entry instanceof SubjectVersion v) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("subject", v.subject());
            value.put("version", v.version());
            value.put("id", v.id());
            value.put("deleted", v.deleted());
            return new KeyValue(versionKey(v.subject(), v.version()), RegistryJson.write(value));
        }
        if (entry instanceof VersionRemoved r) {
            return new KeyValue(versionKey(r.subject(), r.version()), null);
        }
        if (entry instanceof Compatibility c) {
            return new KeyValue(key(CONFIG, "subject", c.subject().orElse(null)),
                    json("compatibilityLevel", c.level().name()));
        }
        CompatibilityRemoved r = (CompatibilityRemoved) entry;
        return new KeyValue(key(CONFIG, "subject", r.subject()), null);
    }

    /**
     * The entry a record holds; empty for a key type this version does not know (written by a newer one).
     *
     * @throws SchemaLogException when the record is not one of ours
     */
    static Optional<SchemaLogEntry> decode(byte[] key, byte[] value) {
        try {
            JsonNode k = RegistryJson.read(key);
            JsonNode v = value == null ? null : RegistryJson.read(value);
            switch (k.path("keytype").asText()) {
                case SCHEMA:
                    return v == null ? Optional.empty()
                            : Optional.of(new SchemaText(k.path("id").asInt(), v.path("schema").asText()));
                case VERSION:
                    String subject = k.path("subject").asText();
                    int version = k.path("version").asInt();
                    return Optional.of(v == null ? new VersionRemoved(subject, version)
                            : new SubjectVersion(subject, version, v.path("id").asInt(), v.path("deleted").asBoolean()));
                case CONFIG:
                    Optional<String> of = k.path("subject").isTextual() ? Optional.of(k.path("subject").asText())
                            : Optional.empty();
                    if (v == null) {
                        return of.map(CompatibilityRemoved::new);
                    }
                    return Optional.of(new Compatibility(of,
                            CompatibilityLevel.valueOf(v.path("compatibilityLevel").asText())));
                default:
                    return Optional.empty();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new SchemaLogException("Unreadable schema log record: " + e.getMessage(), e);
        }
    }

    private static byte[] versionKey(String subject, int version) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("keytype", VERSION);
        key.put("subject", subject);
        key.put("version", version);
        return RegistryJson.write(key);
    }

    /** A key of one field besides the type; its bytes must be the same every time for compaction to match them. */
    private static byte[] key(String type, String field, Object value) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("keytype", type);
        key.put(field, value);
        return RegistryJson.write(key);
    }

    private static byte[] json(Object... fieldsAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            body.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return RegistryJson.write(body);
    }
}
