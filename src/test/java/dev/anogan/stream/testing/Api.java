package dev.anogan.stream.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client of the service's API, as a user's script would call it. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Api(URL base) {
        this.base = base.toString().replaceAll("/$", "");
    }

    public HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** GET {@code path}, which must answer 200 with JSON. */
    public JsonNode getJson(String path) {
        return ok(get(path));
    }

    /** GET {@code path}, which must answer 200; its body. */
    public byte[] getOk(String path) {
        return requireOk(get(path)).body();
    }

    /** The JSON body of a 200 response. */
    public static JsonNode ok(HttpResponse<byte[]> response) {
        return json(requireOk(response));
    }

    private static HttpResponse<byte[]> requireOk(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body()));
        }
        return response;
    }

    public static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.uri() + " answered no JSON: " + new String(response.body()), e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
