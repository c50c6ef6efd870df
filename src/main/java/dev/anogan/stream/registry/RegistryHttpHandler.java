package dev.anogan.stream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;


/**
 * Serves a {@link SchemaStore} over the Confluent Schema Registry REST API subset: {@code GET /subjects},
 * {@code POST /subjects/{subject}/versions}, {@code GET /subjects/{subject}/versions/latest},
 * {@code GET /schemas/ids/{id}} and {@code POST /compatibility/subjects/{subject}/versions/latest}; errors as
 * Confluent's JSON error bodies.
 */
final class RegistryHttpHandler implements HttpHandler {

    private final SchemaStore store;
    private final String url;
    private final Optional<byte[]> requiredAuthorization;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param url                   the registry's base URL, named in the errors
     * @param requiredAuthorization the {@code Authorization} header every request must carry; empty: none
     */
    RegistryHttpHandler(SchemaStore store, String url, Optional<String> requiredAuthorization) {
        this.store = store;
        this.url = url;
        this.requiredAuthorization = requiredAuthorization.map(h -> h.getBytes(StandardCharsets.UTF_8));
    }

    /** Requests received so far, answered or refused. */
    long requests() {
        return requests.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            int status = 200;
            byte[] body;
            try {
                checkAuthorization(exchange);
                body = RegistryJson.write(route(exchange.getRequestMethod(), segments(exchange),
                        exchange.getRequestBody().readAllBytes()));
            } catch (RegistryException e) {
                status = e.status();
                body = RegistryJson.errorBody(e.errorCode(), e.errorMessage());
            } catch (RuntimeException e) {
                status = RegistryError.INTERNAL.status();
                body = RegistryJson.errorBody(RegistryError.INTERNAL.code(), String.valueOf(e));
            }
            exchange.getResponseHeaders().set("Content-Type", RegistryJson.MEDIA_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void checkAuthorization(HttpExchange exchange) {
        if (requiredAuthorization.isEmpty()) {
            return;
        }
        String sent = exchange.getRequestHeaders().getFirst("Authorization");
        if (sent == null || !MessageDigest.isEqual(requiredAuthorization.get(), sent.getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"schema-registry\"");
            throw RegistryError.UNAUTHORIZED.exception(url, "Unauthorized");
        }
    }

    private Object route(String method, List<String> path, byte[] body) {
        if (matches(path, "subjects")) {
            allow(method, "GET");
            return store.subjects();
        }
        if (matches(path, "subjects", "*", "versions")) {
            allow(method, "POST");
            return Map.of("id", store.register(path.get(1), schema(body)));
        }
        if (matches(path, "subjects", "*", "versions", "latest")) {
            allow(method, "GET");
            RegisteredSchema latest = store.latest(path.get(1));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("subject", path.get(1));
            answer.put("version", latest.version());
            answer.put("id", latest.id());
            answer.put("schema", latest.schema().toString());
            return answer;
        }
        if (matches(path, "schemas", "ids", "*")) {
            allow(method, "GET");
            return Map.of("schema", store.schemaById(schemaId(path.get(2))).toString());
        }
        if (matches(path, "compatibility", "subjects", "*", "versions", "latest")) {
            allow(method, "POST");
            return Map.of("is_compatible", store.isCompatible(path.get(2), schema(body)));
        }
        throw RegistryError.NOT_FOUND.exception(url, "No resource /" + String.join("/", path));
    }

    private static List<String> segments(HttpExchange exchange) {
        return Arrays.stream(exchange.getRequestURI().getRawPath().split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
    }

    /** Whether {@code path} has the {@code pattern}'s segments, {@code *} matching any one segment. */
    private static boolean matches(List<String> path, String... pattern) {
        if (path.size() != pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void allow(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw RegistryError.METHOD_NOT_ALLOWED.exception(url, "Method " + method + " not allowed; use " + allowed);
        }
    }

    private int schemaId(String segment) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            throw RegistryError.SCHEMA_NOT_FOUND.exception(url, "Schema '" + segment + "' not found");
        }
    }

    /** The Avro schema in a {@code {"schema": "..."}} body. */
    private Schema schema(byte[] body) {
        try {
            JsonNode text = RegistryJson.read(body).path("schema");
            if (!text.isTextual()) {
                throw RegistryError.INVALID_SCHEMA.exception(url, "Body has no \"schema\" string");
            }
            return new Schema.Parser().parse(text.asText());
        } catch (IOException | AvroRuntimeException e) {
            throw RegistryError.INVALID_SCHEMA.exception(url, "Invalid schema: " + e.getMessage());
        }
    }
}
