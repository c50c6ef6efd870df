package dev.anogan.stream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * One request to the registry's REST API, with readers for its parts that refuse bad input with Confluent's error
 * codes (never a 500).
 *
 * @param url   the registry's base URL, named in the errors
 * @param path  the decoded path segments, e.g. {@code [subjects, patches-value, versions]}
 * @param query the decoded query parameters
 * @param body  the request body, empty when none
 */
record RegistryRequest(String url, List<String> path, Map<String, String> query, byte[] body) {

    /** The only schema type this registry stores. */
    static final String AVRO = "AVRO";

    String segment(int index) {
        return path.get(index);
    }

    /** Whether query parameter {@code name} is {@code true}. */
    boolean flag(String name) {
        return Boolean.parseBoolean(query.get(name));
    }

    VersionRef version(int index) {
        return VersionRef.parse(segment(index), url);
    }

    /** The schema id in segment {@code index}; one that is not a number is a schema not found (40403). */
    int schemaId(int index) {
        try {
            return Integer.parseInt(segment(index));
        } catch (NumberFormatException e) {
            throw RegistryError.SCHEMA_NOT_FOUND.exception(url, "Schema '" + segment(index) + "' not found");
        }
    }

    /**
     * The Avro schema of a {@code {"schema": "...", "schemaType": "AVRO"}} body.
     *
     * @throws RegistryException 422 with error code 42201 for a body without a valid Avro schema, another schema
     *                           type, or schema references
     */
    Schema schema() {
        JsonNode json = json(RegistryError.INVALID_SCHEMA);
        String type = json.path("schemaType").asText(AVRO);
        if (!AVRO.equals(type)) {
            throw RegistryError.INVALID_SCHEMA.exception(url, "Schema type " + type + " is not supported here: this"
                    + " registry stores AVRO schemas only");
        }
        if (!json.path("references").isMissingNode() && !json.path("references").isEmpty()) {
            throw RegistryError.INVALID_SCHEMA.exception(url, "Schema references are not supported here");
        }
        JsonNode text = json.path("schema");
        if (!text.isTextual()) {
            throw RegistryError.INVALID_SCHEMA.exception(url, "Body has no \"schema\" string");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (RuntimeException e) {
            // Avro's parser throws SchemaParseException mostly, but also other runtime exceptions on odd input.
            throw RegistryError.INVALID_SCHEMA.exception(url, "Invalid schema: " + e.getMessage());
        }
    }

    /**
     * The level of a {@code {"compatibility": "..."}} body.
     *
     * @throws RegistryException 422 with error code 42203 for anything else
     */
    CompatibilityLevel compatibility() {
        JsonNode level = json(RegistryError.INVALID_COMPATIBILITY_LEVEL).path("compatibility");
        if (!level.isTextual()) {
            throw RegistryError.INVALID_COMPATIBILITY_LEVEL.exception(url, "Body has no \"compatibility\" string");
        }
        return CompatibilityLevel.parse(level.asText(), url);
    }

    private JsonNode json(RegistryError refusal) {
        try {
            JsonNode json = RegistryJson.read(body);
            if (!json.isObject()) {
                throw refusal.exception(url, "Body is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw refusal.exception(url, "Body is not JSON: " + e.getMessage());
        }
    }
}
