package dev.anogan.stream.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A schema registry in this process, for the embedded default set-up and for tests: ids, subjects, versions,
 * deletes and compatibility levels as Confluent's registry has them, callable in-process and served over HTTP
 * with the Confluent REST API (see {@link #url()}), so that {@link RegistryClient} or any Confluent client can use
 * it. Its state is held in memory; with {@link RegistryServerSettings#persistedIn} every change is also written to
 * a compacted Kafka topic before it is answered, and the state is rebuilt from that topic at start, so that a
 * restart keeps the schemas and never hands out an id twice. Whoever started it closes it.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry, AutoCloseable {

    private final HttpServer server;
    private final String url;
    private final SchemaStore store;
    private final RegistryHttpHandler handler;

    private InMemorySchemaRegistry(HttpServer server, RegistryServerSettings settings) {
        this.server = server;
        InetSocketAddress address = server.getAddress();
        String host = address.getHostString();
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        SchemaLog log = settings.kafkaBootstrapServers().<SchemaLog>map(KafkaSchemaLog::open).orElse(SchemaLog.NONE);
        try {
            this.store = new SchemaStore(url, log, settings.defaultCompatibility());
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        this.handler = new RegistryHttpHandler(RegistryRoutes.of(store), url,
                settings.requiredBasicAuthUserInfo().map(HttpAuth::basic));
        server.createContext("/", handler);
        server.start();
    }

    /**
     * Starts a registry open to all, in memory only, serving HTTP on {@code host:port}.
     *
     * @param port the port; 0 for any free one (see {@link #url()})
     */
    public static InMemorySchemaRegistry start(String host, int port) {
        return start(RegistryServerSettings.on(host, port));
    }

    /**
     * Starts a registry in memory only, serving HTTP on {@code host:port}.
     *
     * @param requiredBasicAuthUserInfo {@code user:password} that HTTP requests must send with basic auth
     *                                  (401 otherwise); empty: no authentication
     */
    public static InMemorySchemaRegistry start(String host, int port, Optional<String> requiredBasicAuthUserInfo) {
        return start(requiredBasicAuthUserInfo.map(RegistryServerSettings.on(host, port)::withBasicAuth)
                .orElseGet(() -> RegistryServerSettings.on(host, port)));
    }

    /**
     * Starts a registry as {@code settings} say: with a Kafka topic, it first reads back what the topic holds.
     *
     * @throws RegistryException with error code 50001 when the topic cannot be read or created
     */
    public static InMemorySchemaRegistry start(RegistryServerSettings settings) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the schema registry on " + settings.host() + ":"
                    + settings.port(), e);
        }
        try {
            return new InMemorySchemaRegistry(server, settings);
        } catch (SchemaLogException e) {
            server.stop(0);
            throw RegistryError.STORE_ERROR.exception("http://" + settings.host() + ":" + settings.port(),
                    e.getMessage());
        } catch (RuntimeException e) {
            server.stop(0);
            throw e;
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
        return store.subjects(false);
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
        return store.incompatibilities(subject, Optional.of(VersionRef.LATEST), schema).isEmpty();
    }

    /** Stops serving HTTP at once, then closes the Kafka topic's producer, if any. */
    @Override
    public void close() {
        try (store) {
            server.stop(0);
        }
    }
}
