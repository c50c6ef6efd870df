package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.avro.Schema;

/** Plain HTTP calls to a registry's REST API, as any Confluent client makes them, and checks of the answers. */
final class RegistryCalls {

    static final String JSON = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    RegistryCalls(String url) {
        this.url = url;
    }

    /** {@code method path} with {@code body} (null: none). */
    HttpResponse<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", JSON)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON body of a {@code 200} answer to {@code method path}. */
    JsonNode ok(String method, String path, String body) {
        HttpResponse<String> response = send(method, path, body);
        assertEquals(200, response.statusCode(), method + " " + path + ": " + response.body());
        assertEquals(JSON, response.headers().firstValue("Content-Type").orElseThrow());
        return json(response.body());
    }

    JsonNode get(String path) {
        return ok("GET", path, null);
    }

    /** Asserts that {@code method path} is refused with {@code status} and {@code errorCode}; answers the message. */
    String refused(int status, int errorCode, String method, String path, String body) {
        HttpResponse<String> response = send(method, path, body);
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        JsonNode error = json(response.body());
        assertEquals(errorCode, error.path("error_code").asInt(), response.body());
        assertEquals(2, error.size(), "only error_code and message: " + response.body());
        return error.path("message").asText();
    }

    /** {@code {"schema": "<schema as a string>"}}. */
    static String schemaBody(Schema schema) {
        return write(Map.of("schema", schema.toString()));
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
