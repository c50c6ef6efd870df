package dev.anogan.stream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * JSON requests to a schema registry's REST API, as {@link RegistryConfiguration} says: authentication, TLS,
 * retries with exponential back-off on connection errors, 429 and 5xx, and refusals mapped to
 * {@link RegistryException}.
 */
final class RegistryHttp {

    private final String baseUrl;
    private final HttpClient client;
    private final Optional<String> authorization;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration requestTimeout;

    RegistryHttp(RegistryConfiguration config) {
        String url = config.getUrl().orElseThrow(() -> new ConfigurationException(
                RegistryConfiguration.PREFIX + ".url is not set")).toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.client = httpClient(config);
        this.authorization = authorization(config);
        this.maxAttempts = config.getMaxAttempts();
        this.initialBackoff = config.getInitialBackoff();
        this.requestTimeout = config.getRequestTimeout();
    }

    /** A successful response's JSON body, read field by field; a missing field is a {@link RegistryException}. */
    record Reply(String url, int status, JsonNode body) {

        static Reply of(String url, int status, byte[] body) {
            try {
                return new Reply(url, status, RegistryJson.read(body));
            } catch (IOException e) {
                throw new RegistryException(url, status, status, "Unexpected response, not JSON: " + e.getMessage());
            }
        }

        int intField(String name) {
            return field(name, JsonNode::isInt).asInt();
        }

        boolean booleanField(String name) {
            return field(name, JsonNode::isBoolean).asBoolean();
        }

        Schema schemaField(String name) {
            String text = field(name, JsonNode::isTextual).asText();
            try {
                return new Schema.Parser().parse(text);
            } catch (AvroRuntimeException e) {
                throw unexpected("an invalid schema in \"" + name + "\": " + e.getMessage());
            }
        }

        private JsonNode field(String name, Predicate<JsonNode> ofType) {
            JsonNode value = body.path(name);
            if (!ofType.test(value)) {
                throw unexpected("no valid \"" + name + "\" in " + body);
            }
            return value;
        }

        private RegistryException unexpected(String what) {
            return new RegistryException(url, status, status, "Unexpected response with " + what);
        }
    }

    /** {@code value} as one path segment, e.g. a subject name. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** GET {@code path} (from the base URL, starting with {@code /}). */
    Reply get(String path) {
        return send(request(path).GET().build());
    }

    /** POST {@code body} (JSON) to {@code path}. */
    Reply post(String path, byte[] body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", RegistryJson.MEDIA_TYPE)
                .header("Content-Type", RegistryJson.MEDIA_TYPE);
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private Reply send(HttpRequest request) {
        String url = request.uri().toString();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        return Reply.of(url, status, response.body());
                    }
                    if (!isRetriable(status) || attempt >= maxAttempts) {
                        throw refusal(url, status, response.body(), attempt);
                    }
                } catch (IOException e) {
                    if (attempt >= maxAttempts) {
                        throw new RegistryException(url, RegistryException.NO_RESPONSE,
                                RegistryException.NO_RESPONSE, String.valueOf(e), attempt, e);
                    }
                }
                Thread.sleep(initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 30)).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(url, RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE,
                    "interrupted", 1, e);
        }
    }

    private static boolean isRetriable(int status) {
        return status == 429 || status / 100 == 5;
    }

    /** The registry's refusal, from its JSON error body when it sent one. */
    private static RegistryException refusal(String url, int status, byte[] body, int attempts) {
        int errorCode = status;
        String message = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode error = RegistryJson.read(body);
            errorCode = error.path("error_code").asInt(status);
            message = error.path("message").asText(message);
        } catch (IOException notJson) {
            // not a registry's JSON error body (a proxy's page, say): keep the status and the text
        }
        return new RegistryException(url, status, errorCode, message, attempts, null);
    }

    private static HttpClient httpClient(RegistryConfiguration config) {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(config.getRequestTimeout());
        config.getTruststorePath().ifPresent(path -> {
            char[] password = config.getTruststorePassword().map(String::toCharArray).orElse(null);
            try {
                client.sslContext(TrustStores.sslContext(Path.of(path), password, config.getTruststoreType()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(RegistryConfiguration.PREFIX + ".truststore-path: "
                        + e.getMessage(), e);
            }
        });
        return client.build();
    }

    private static Optional<String> authorization(RegistryConfiguration config) {
        Optional<String> basic = config.getBasicAuthUserInfo().map(HttpAuth::basic);
        Optional<String> bearer = config.getBearerToken().map(HttpAuth::bearer);
        if (basic.isPresent() && bearer.isPresent()) {
            throw new ConfigurationException(RegistryConfiguration.PREFIX
                    + ": set basic-auth-user-info or bearer-token, not both");
        }
        return basic.or(() -> bearer);
    }
}
