package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** {@code GET /schemas/ids/{id}}, its {@code /schema} and {@code /versions}, and {@code GET /schemas/types}. */
class SchemaIdsTest extends RegistryApiFixture {

    @Test
    void anIdAnswersItsSchemaAsAString() {
        int id = registry.register("patches-value", TestSchemas.COUNT);

        assertEquals(RegistryCalls.json("{\"schema\":" + RegistryCalls.write(TestSchemas.COUNT.toString()) + "}"),
                calls.get("/schemas/ids/" + id));
    }

    @Test
    void theSchemaSubResourceAnswersTheRawSchema() {
        int id = registry.register("patches-value", TestSchemas.COUNT);

        HttpResponse<String> raw = calls.send("GET", "/schemas/ids/" + id + "/schema", null);

        assertEquals(200, raw.statusCode());
        assertEquals(TestSchemas.COUNT, new Schema.Parser().parse(raw.body()));
    }

    @Test
    void versionsListsEverySubjectAndVersionThatUsesTheId() {
        int id = registry.register("a-value", TestSchemas.COUNT);
        registry.register("b-value", TestSchemas.COUNT_LABEL_OPTIONAL);
        registry.register("b-value", TestSchemas.COUNT);

        assertEquals(RegistryCalls.json("[{\"subject\":\"a-value\",\"version\":1},{\"subject\":\"b-value\","
                + "\"version\":2}]"), calls.get("/schemas/ids/" + id + "/versions"));
    }

    @Test
    void softDeletedVersionsAreListedOnlyWithDeletedTrueAndTheIdKeepsResolving() {
        int id = registry.register("a-value", TestSchemas.COUNT);
        calls.ok("DELETE", "/subjects/a-value", null);

        assertEquals(RegistryCalls.json("[]"), calls.get("/schemas/ids/" + id + "/versions"));
        assertEquals(RegistryCalls.json("[{\"subject\":\"a-value\",\"version\":1}]"),
                calls.get("/schemas/ids/" + id + "/versions?deleted=true"));
        assertEquals(TestSchemas.COUNT.toString(), calls.get("/schemas/ids/" + id).path("schema").asText());
    }

    @Test
    void anUnknownIdIs40403OnEveryResource() {
        assertEquals("Schema 7 not found", calls.refused(404, 40403, "GET", "/schemas/ids/7", null));
        calls.refused(404, 40403, "GET", "/schemas/ids/7/schema", null);
        calls.refused(404, 40403, "GET", "/schemas/ids/7/versions", null);
        calls.refused(404, 40403, "GET", "/schemas/ids/x/versions", null);
    }

    @Test
    void theOnlySchemaTypeIsAvro() {
        assertEquals(RegistryCalls.json("[\"AVRO\"]"), calls.get("/schemas/types"));
    }
}
