package dev.anogan.stream.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A schema registry in memory, for the embedded default set-up and for tests: ids, subjects and versions with
 * BACKWARD compatibility, callable in-process and served over HTTP with the Confluent REST API subset (see
 * {@link #url()}), so that {@link RegistryClient} or any Confluent client can use it. Nothing survives
 * {@link #close()}; whoever started it closes it.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry, AutoCloseable {

    private final HttpServer server;
    private final String url;
    private final SchemaStore store;
    private final RegistryHttpHandler handler;

    private InMemorySchemaRegistry(HttpServer server, Optional<String> requiredBasicAuthUserInfo) {
        this.server = server;
        InetSocketAddress address = server.getAddress();
        String host = address.getHostString();
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        this.store = new SchemaStore(url);
        this.handler = new RegistryHttpHandler(store, url, requiredBasicAuthUserInfo.map(HttpAuth::basic));
        server.createContext("/", handler);
        server.start();
    }

    /**
     * Starts a registry open to all, serving HTTP on {@code host:port}.
     *
     * @param port the port; 0 for any free one (see {@link #url()})
     */
    public static InMemorySchemaRegistry start(String host, int port) {
        return start(host, port, Optional.empty());
    }

    /**
     * Starts a registry serving HTTP on {@code host:port}.
     *
     * @param requiredBasicAuthUserInfo {@code user:password} that HTTP requests must send with basic auth
     *                                  (401 otherwise); empty: no authentication
     */
    public static InMemorySchemaRegistry start(String host, int port, Optional<String> requiredBasicAuthUserInfo) {
        try {
            return new InMemorySchemaRegistry(HttpServer.create(new InetSocketAddress(host, port), 0),
                    requiredBasicAuthUserInfo);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the in-memory schema registry on " + host + ":" + port, e);
        }
    }

    /** The base URL of its REST API, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    /** HTTP requests received so far (in-process calls not counted). */
    public long requestCount() {
        return handler.requests();
    }

    /** The subjects, sorted. */
    public List<String> subjects() {
        return store.subjects();
    }

    @Override
    public int register(String subject, Schema schema) {
        return store.register(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        return store.schemaById(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return store.latest(subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return store.isCompatible(subject, schema);
    }

    /** Stops serving HTTP at once. */
    @Override
    public void close() {
        server.stop(0);
    }
}
