package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /subjects/{s}} and {@code DELETE /subjects/{s}/versions/{v}}: soft first, then with
 * {@code permanent=true}; ids of deleted versions keep resolving and are never handed out again.
 */
class SubjectDeletionTest extends RegistryApiFixture {

    private int first;

    @BeforeEach
    void register() {
        first = registry.register("patches-value", TestSchemas.COUNT);
        registry.register("patches-value", TestSchemas.COUNT_LABEL_OPTIONAL);
    }

    @Test
    void aSoftDeleteAnswersTheVersionsAndHidesThemUnlessDeletedTrue() {
        assertEquals(RegistryCalls.json("[1,2]"), calls.ok("DELETE", "/subjects/patches-value", null));

        calls.refused(404, 40401, "GET", "/subjects/patches-value/versions", null);
        calls.refused(404, 40401, "GET", "/subjects/patches-value/versions/latest", null);
        assertEquals(RegistryCalls.json("[1,2]"), calls.get("/subjects/patches-value/versions?deleted=true"));
        assertEquals(first, calls.get("/subjects/patches-value/versions/1?deleted=true").path("id").asInt());
        assertEquals(TestSchemas.COUNT.toString(), calls.get("/schemas/ids/" + first).path("schema").asText());
    }

    @Test
    void aSecondSoftDeleteIs40404AndAPermanentOneBeforeTheSoftOne40405() {
        calls.refused(404, 40405, "DELETE", "/subjects/patches-value?permanent=true", null);
        calls.ok("DELETE", "/subjects/patches-value", null);

        calls.refused(404, 40404, "DELETE", "/subjects/patches-value", null);
        calls.refused(404, 40401, "DELETE", "/subjects/nothing-value", null);
    }

    @Test
    void aPermanentDeleteRemovesTheSubjectButNotItsIds() {
        calls.ok("DELETE", "/subjects/patches-value", null);

        assertEquals(RegistryCalls.json("[1,2]"), calls.ok("DELETE", "/subjects/patches-value?permanent=true", null));

        assertEquals(RegistryCalls.json("[]"), calls.get("/subjects?deleted=true"));
        calls.refused(404, 40401, "GET", "/subjects/patches-value/versions?deleted=true", null);
        assertEquals(TestSchemas.COUNT.toString(), calls.get("/schemas/ids/" + first).path("schema").asText());
        int fresh = registry.register("patches-value", TestSchemas.EMPTY);
        assertEquals(3, fresh, "a new schema gets an id never handed out before");
        assertEquals(1, registry.latest("patches-value").version());
    }

    @Test
    void registeringAfterASoftDeleteContinuesTheVersionNumbers() {
        calls.ok("DELETE", "/subjects/patches-value", null);

        assertEquals(first, registry.register("patches-value", TestSchemas.COUNT));

        assertEquals(new RegisteredSchema(first, 3, TestSchemas.COUNT), registry.latest("patches-value"));
        assertEquals(RegistryCalls.json("[3]"), calls.get("/subjects/patches-value/versions"));
    }

    @Test
    void oneVersionIsDeletedSoftlyThenPermanently() {
        assertEquals(RegistryCalls.json("2"), calls.ok("DELETE", "/subjects/patches-value/versions/latest", null));
        assertEquals(RegistryCalls.json("[1]"), calls.get("/subjects/patches-value/versions"));
        assertEquals(1, registry.latest("patches-value").version());

        calls.refused(404, 40406, "DELETE", "/subjects/patches-value/versions/2", null);
        calls.refused(404, 40407, "DELETE", "/subjects/patches-value/versions/1?permanent=true", null);
        assertEquals(RegistryCalls.json("2"), calls.ok("DELETE", "/subjects/patches-value/versions/2?permanent=true",
                null));
        calls.refused(404, 40402, "GET", "/subjects/patches-value/versions/2?deleted=true", null);
        calls.refused(404, 40402, "DELETE", "/subjects/patches-value/versions/5", null);
        calls.refused(422, 42202, "DELETE", "/subjects/patches-value/versions/zero", null);
    }

    @Test
    void aPermanentDeleteAlsoDropsTheSubjectsLevel() {
        calls.ok("PUT", "/config/patches-value", "{\"compatibility\":\"NONE\"}");
        calls.ok("DELETE", "/subjects/patches-value", null);
        assertEquals("NONE", calls.get("/config/patches-value").path("compatibilityLevel").asText());

        calls.ok("DELETE", "/subjects/patches-value?permanent=true", null);

        calls.refused(404, 40408, "GET", "/config/patches-value", null);
    }
}
