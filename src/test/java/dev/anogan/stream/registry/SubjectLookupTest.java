package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /subjects/{subject}}: what a Confluent producer with {@code auto.register.schemas=false} asks before
 * it writes — is this schema registered under the subject, and with which id and version.
 */
class SubjectLookupTest extends RegistryApiFixture {

    @Test
    void aRegisteredSchemaIsAnsweredWithSubjectVersionIdAndSchema() {
        registry.register("patches-value", TestSchemas.COUNT);
        int id = registry.register("patches-value", TestSchemas.COUNT_LABEL_OPTIONAL);

        JsonNode found = calls.ok("POST", "/subjects/patches-value",
                RegistryCalls.schemaBody(TestSchemas.COUNT_LABEL_OPTIONAL));

        assertEquals(RegistryCalls.json("{\"subject\":\"patches-value\",\"version\":2,\"id\":" + id + ",\"schema\":"
                + RegistryCalls.write(TestSchemas.COUNT_LABEL_OPTIONAL.toString()) + "}"), found);
    }

    @Test
    void theSameSchemaWrittenDifferentlyIsFound() {
        int id = registry.register("patches-value", TestSchemas.COUNT);
        String spaced = TestSchemas.COUNT.toString(true);

        JsonNode found = calls.ok("POST", "/subjects/patches-value", RegistryCalls.write(
                java.util.Map.of("schema", spaced, "schemaType", "AVRO")));

        assertEquals(id, found.path("id").asInt());
        assertEquals(1, found.path("version").asInt());
    }

    @Test
    void anUnknownSubjectIs40401AndAnUnregisteredSchema40403() {
        registry.register("patches-value", TestSchemas.COUNT);

        calls.refused(404, 40401, "POST", "/subjects/nothing-value", RegistryCalls.schemaBody(TestSchemas.COUNT));
        assertEquals("Schema not found", calls.refused(404, 40403, "POST", "/subjects/patches-value",
                RegistryCalls.schemaBody(TestSchemas.EMPTY)));
    }

    @Test
    void aSchemaRegisteredUnderAnotherSubjectOnlyIsNotFoundHere() {
        registry.register("a-value", TestSchemas.COUNT);
        registry.register("b-value", TestSchemas.EMPTY);

        calls.refused(404, 40403, "POST", "/subjects/b-value", RegistryCalls.schemaBody(TestSchemas.COUNT));
    }

    @Test
    void aSoftDeletedVersionIsFoundOnlyWhenDeletedOnesAreAskedFor() {
        registry.register("patches-value", TestSchemas.COUNT);
        registry.register("patches-value", TestSchemas.COUNT_LABEL_OPTIONAL);
        calls.ok("DELETE", "/subjects/patches-value/versions/1", null);

        calls.refused(404, 40403, "POST", "/subjects/patches-value", RegistryCalls.schemaBody(TestSchemas.COUNT));
        assertEquals(1, calls.ok("POST", "/subjects/patches-value?deleted=true",
                RegistryCalls.schemaBody(TestSchemas.COUNT)).path("version").asInt());
    }
}
