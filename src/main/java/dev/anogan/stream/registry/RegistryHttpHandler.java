package dev.anogan.stream.registry;

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
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link RegistryRoutes} over HTTP: checks the authorization, finds the route (404 for an unknown resource,
 * 405 for another method), writes the answer as JSON, and refusals as Confluent's JSON error bodies.
 */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

    private final List<Route> routes;
    private final String url;
    private final Optional<byte[]> requiredAuthorization;
    private final AtomicLong requests = new AtomicLong();

    /**
     * @param url                   the registry's base URL, named in the errors
     * @param requiredAuthorization the {@code Authorization} header every request must carry; empty: none
     */
    RegistryHttpHandler(List<Route> routes, String url, Optional<String> requiredAuthorization) {
        this.routes = routes;
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
                body = RegistryJson.write(answer(exchange));
            } catch (RegistryException e) {
                status = e.status();
                body = RegistryJson.errorBody(e.errorCode(), e.errorMessage());
            } catch (RuntimeException e) {
                LOG.error("Schema registry request {} {} failed", exchange.getRequestMethod(),
                        exchange.getRequestURI(), e);
                status = RegistryError.STORE_ERROR.status();
                body = RegistryJson.errorBody(RegistryError.STORE_ERROR.code(), String.valueOf(e));
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

    private Object answer(HttpExchange exchange) throws IOException {
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        List<Route> resource = routes.stream().filter(r -> r.matches(path)).toList();
        if (resource.isEmpty()) {
            throw RegistryError.NOT_FOUND.exception(url, "No resource /" + String.join("/", path));
        }
        String method = exchange.getRequestMethod();
        Route route = resource.stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> RegistryError.METHOD_NOT_ALLOWED.exception(url, "Method " + method
                        + " not allowed; use " + resource.stream().map(Route::method).collect(Collectors.joining(", "))));
        RegistryRequest request = new RegistryRequest(url, path, query(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestBody().readAllBytes());
        return route.action().apply(request);
    }

    private List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(this::decode)
                .toList();
    }

    private Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (!pair.isEmpty()) {
                    query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        return query;
    }

    private String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryError.NOT_FOUND.exception(url, "Malformed escape in '" + text + "'");
        }
    }
}
