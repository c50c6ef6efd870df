package dev.anogan.stream.registry;

import com.fasterxml.jackson.databind.util.RawValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Confluent Schema Registry REST API over a {@link SchemaStore}: subjects and their versions, schemas by id,
 * compatibility levels and checks, and the read-write mode; request and response shapes as Confluent documents
 * them.
 */
final class RegistryRoutes {

    private final SchemaStore store;

    private RegistryRoutes(SchemaStore store) {
        this.store = store;
    }

    static List<Route> of(SchemaStore store) {
        RegistryRoutes routes = new RegistryRoutes(store);
        return Stream.of(routes.subjects(), routes.schemas(), routes.config(), routes.compatibility(), routes.mode())
                .flatMap(List::stream)
                .toList();
    }

    private List<Route> subjects() {
        return List.of(
                Route.of("GET", "/subjects", r -> store.subjects(r.flag("deleted"))),
                Route.of("POST", "/subjects/*", r -> version(r.segment(1),
                        store.lookup(r.segment(1), r.schema(), r.flag("deleted")))),
                Route.of("DELETE", "/subjects/*", r -> store.deleteSubject(r.segment(1), r.flag("permanent"))),
                Route.of("GET", "/subjects/*/versions", r -> store.versions(r.segment(1), r.flag("deleted"))),
                Route.of("POST", "/subjects/*/versions", r -> Map.of("id", store.register(r.segment(1), r.schema()))),
                Route.of("GET", "/subjects/*/versions/*", r -> version(r.segment(1),
                        store.version(r.segment(1), r.version(3), r.flag("deleted")))),
                Route.of("GET", "/subjects/*/versions/*/schema", r -> new RawValue(
                        store.version(r.segment(1), r.version(3), r.flag("deleted")).schema().toString())),
                Route.of("DELETE", "/subjects/*/versions/*", r -> store.deleteVersion(r.segment(1), r.version(3),
                        r.flag("permanent"))));
    }

    private List<Route> schemas() {
        return List.of(
                Route.of("GET", "/schemas/types", r -> List.of(RegistryRequest.AVRO)),
                Route.of("GET", "/schemas/ids/*", r -> Map.of("schema",
                        store.schemaById(r.schemaId(2)).toString())),
                Route.of("GET", "/schemas/ids/*/schema", r -> new RawValue(
                        store.schemaById(r.schemaId(2)).toString())),
                Route.of("GET", "/schemas/ids/*/versions", r -> store.subjectVersionsOf(r.schemaId(2),
                        r.flag("deleted"))));
    }

    private List<Route> config() {
        return List.of(
                Route.of("GET", "/config", r -> level(store.globalLevel())),
                Route.of("PUT", "/config", r -> {
                    CompatibilityLevel level = r.compatibility();
                    store.setGlobalLevel(level);
                    return Map.of("compatibility", level.name());
                }),
                Route.of("GET", "/config/*", r -> level(store.subjectLevel(r.segment(1), r.flag("defaultToGlobal")))),
                Route.of("PUT", "/config/*", r -> {
                    CompatibilityLevel level = r.compatibility();
                    store.setSubjectLevel(r.segment(1), level);
                    return Map.of("compatibility", level.name());
                }),
                Route.of("DELETE", "/config/*", r -> level(store.deleteSubjectLevel(r.segment(1)))));
    }

    private List<Route> compatibility() {
        return List.of(
                Route.of("POST", "/compatibility/subjects/*/versions/*", r -> compatible(r,
                        store.incompatibilities(r.segment(2), Optional.of(r.version(4)), r.schema()))),
                Route.of("POST", "/compatibility/subjects/*/versions", r -> compatible(r,
                        store.incompatibilities(r.segment(2), Optional.empty(), r.schema()))));
    }

    /** The registry always accepts writes: it has no import or read-only mode. */
    private List<Route> mode() {
        return List.of(Route.of("GET", "/mode", r -> Map.of("mode", "READWRITE")));
    }

    /** A version as Confluent answers it: {@code {"subject", "version", "id", "schema"}}. */
    private static Map<String, Object> version(String subject, RegisteredSchema registered) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subject", subject);
        answer.put("version", registered.version());
        answer.put("id", registered.id());
        answer.put("schema", registered.schema().toString());
        return answer;
    }

    private static Map<String, Object> level(CompatibilityLevel level) {
        return Map.of("compatibilityLevel", level.name());
    }

    /** {@code {"is_compatible": ...}}, with the reasons as {@code "messages"} when the request asked for verbose. */
    private static Map<String, Object> compatible(RegistryRequest request, List<String> incompatibilities) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("is_compatible", incompatibilities.isEmpty());
        if (request.flag("verbose")) {
            answer.put("messages", incompatibilities);
        }
        return answer;
    }
}
