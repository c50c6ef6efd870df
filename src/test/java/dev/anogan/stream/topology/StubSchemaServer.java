package dev.anogan.stream.topology;

import com.sun.net.httpserver.HttpServer;
import dev.anogan.stream.registry.RegisteredSchema;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.registry.TestRegistries;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;
import org.apache.avro.Schema;

/**
 * An HTTP server that answers every {@code GET /schemas/ids/<id>} with one fixed status and body, as a registry
 * would that holds a schema Avro cannot use, or that refuses the service. Closes its server.
 */
final class StubSchemaServer implements AutoCloseable {

    private final HttpServer server;

    StubSchemaServer(int status, String body) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** A schema body of the given type, as Confluent's registry serves non-Avro schemas. */
    static String schemaOfType(String type, String schema) {
        return "{\"schemaType\":\"" + type + "\",\"schema\":\"" + schema.replace("\\", "\\\\").replace("\"", "\\\"")
                .replace("\n", "\\n") + "\"}";
    }

    /** A registry that asks this server, through the service's own client, for the ids in {@code stubbed}. */
    SchemaRegistry routing(SchemaRegistry main, IntPredicate stubbed) {
        RegistryClient stub = new RegistryClient(TestRegistries.config("http://127.0.0.1:" + server.getAddress()
                .getPort(), 1));
        return new SchemaRegistry() {
            @Override
            public int register(String subject, Schema schema) {
                return main.register(subject, schema);
            }

            @Override
            public Schema schemaById(int id) {
                return stubbed.test(id) ? stub.schemaById(id) : main.schemaById(id);
            }

            @Override
            public RegisteredSchema latest(String subject) {
                return main.latest(subject);
            }

            @Override
            public boolean isCompatible(String subject, Schema schema) {
                return main.isCompatible(subject, schema);
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
