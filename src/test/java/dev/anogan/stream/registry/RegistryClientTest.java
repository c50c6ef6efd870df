package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST client against the in-memory registry over real HTTP. */
class RegistryClientTest {

    static final Schema READING = SchemaBuilder.record("Reading").namespace("test")
            .fields().requiredInt("count").endRecord();
    static final Schema READING_WITH_LABEL = SchemaBuilder.record("Reading").namespace("test")
            .fields().requiredInt("count").optionalString("label").endRecord();

    private final InMemorySchemaRegistry registry = TestRegistries.startInMemory();
    private final RegistryClient client = TestRegistries.clientOf(registry);

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void registeringTheSameSchemaAgainGivesTheSameIdAndNoNewVersion() {
        int id = client.register("readings-value", READING);

        assertEquals(id, TestRegistries.clientOf(registry).register("readings-value", READING));
        assertEquals(new RegisteredSchema(id, 1, READING), client.latest("readings-value"));
    }

    @Test
    void theSameSchemaUnderTwoSubjectsHasOneId() {
        assertEquals(client.register("a-value", READING), client.register("b-value", READING));
    }

    @Test
    void schemaByIdReturnsTheRegisteredSchema() {
        int id = client.register("readings-value", READING);

        assertEquals(READING, TestRegistries.clientOf(registry).schemaById(id));
    }

    @Test
    void latestGivesTheNewestVersionWithItsIdAndSchema() {
        int first = client.register("readings-value", READING);
        int second = client.register("readings-value", READING_WITH_LABEL);

        assertNotEquals(first, second);
        assertEquals(new RegisteredSchema(second, 2, READING_WITH_LABEL), client.latest("readings-value"));
    }

    @Test
    void anUnknownIdIsA404WithErrorCode40403NamingTheUrl() {
        RegistryException e = assertThrows(RegistryException.class, () -> client.schemaById(99));

        assertEquals(404, e.status());
        assertEquals(40403, e.errorCode());
        assertTrue(e.isSchemaNotFound());
        assertEquals("Schema registry " + registry.url() + "/schemas/ids/99 answered HTTP 404, error code 40403:"
                + " Schema 99 not found", e.getMessage());
    }

    @Test
    void anUnknownSubjectIsA404WithErrorCode40401() {
        RegistryException e = assertThrows(RegistryException.class, () -> client.latest("nothing-value"));

        assertEquals(404, e.status());
        assertEquals(40401, e.errorCode());
    }

    @Test
    void subjectNamesAreEscapedInThePath() {
        int id = client.register("odd topic/with slash-value", READING);

        assertEquals(id, client.latest("odd topic/with slash-value").id());
        assertTrue(registry.subjects().contains("odd topic/with slash-value"));
    }

    @Test
    void idsAndSchemasOnceKnownAreServedFromTheCache() {
        int id = client.register("readings-value", READING);
        long afterRegistering = registry.requestCount();

        client.register("readings-value", READING);
        client.schemaById(id);
        assertEquals(afterRegistering, registry.requestCount());

        RegistryClient another = TestRegistries.clientOf(registry);
        another.schemaById(id);
        another.schemaById(id);
        assertEquals(afterRegistering + 1, registry.requestCount());
    }

    @Test
    void compatibilityIsAskedOverHttp() {
        client.register("readings-value", READING);

        assertTrue(client.isCompatible("readings-value", READING_WITH_LABEL));
        assertTrue(client.isCompatible("no-such-subject", READING));
    }
}
