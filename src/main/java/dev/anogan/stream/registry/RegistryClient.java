package dev.anogan.stream.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistry} reached over the Confluent Schema Registry REST API (a Confluent registry, or
 * {@link InMemorySchemaRegistry#url()}). Ids of registered schemas and schemas by id are cached for the client's
 * life (the registry never changes them); the latest version and compatibility are asked every time.
 * Thread-safe.
 */
public class RegistryClient implements SchemaRegistry {

    private final RegistryHttp http;
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    /**
     * A client for the registry at {@code config}'s URL.
     *
     * @throws io.micronaut.context.exceptions.ConfigurationException naming the key when the URL is unset, both
     *                                                                 kinds of auth are set or the truststore is
     *                                                                 unusable
     */
    public RegistryClient(RegistryConfiguration config) {
        this.http = new RegistryHttp(config);
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = ids.get(key);
        if (cached != null) {
            return cached;
        }
        int id = http.post(subjectPath(subject) + "/versions", RegistryJson.schemaBody(schema)).intField("id");
        ids.put(key, id);
        schemas.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemas.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = http.get("/schemas/ids/" + id).schemaField("schema");
        schemas.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        RegistryHttp.Reply reply = http.get(subjectPath(subject) + "/versions/latest");
        RegisteredSchema latest = new RegisteredSchema(reply.intField("id"), reply.intField("version"),
                reply.schemaField("schema"));
        schemas.putIfAbsent(latest.id(), latest.schema());
        return latest;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return http.post("/compatibility" + subjectPath(subject) + "/versions/latest", RegistryJson.schemaBody(schema))
                .booleanField("is_compatible");
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + RegistryHttp.segment(subject);
    }
}
