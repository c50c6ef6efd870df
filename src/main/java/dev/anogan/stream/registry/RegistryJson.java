package dev.anogan.stream.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** The JSON of the Confluent Schema Registry REST API, shared by the client and the in-memory registry. */
final class RegistryJson {

    /** Content type of requests and responses. */
    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistryJson() {
    }

    /** The body that registers or checks a schema: {@code {"schema": "<the schema's JSON as a string>"}}. */
    static byte[] schemaBody(Schema schema) {
        return write(Map.of("schema", schema.toString()));
    }

    /** An error body: {@code {"error_code": ..., "message": ...}}. */
    static byte[] errorBody(int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        return write(body);
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code body}; throws on text that is not JSON. */
    static JsonNode read(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }
}
