package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET/PUT /config} and {@code GET/PUT/DELETE /config/{subject}}: compatibility levels as Confluent's. */
class CompatibilityConfigTest extends RegistryApiFixture {

    @Test
    void theGlobalLevelIsBackwardUntilSetLikeConfluents() {
        assertEquals(RegistryCalls.json("{\"compatibilityLevel\":\"BACKWARD\"}"), calls.get("/config"));
    }

    @ParameterizedTest
    @EnumSource(CompatibilityLevel.class)
    void everyLevelCanBeSetGloballyAndPerSubject(CompatibilityLevel level) {
        String body = "{\"compatibility\":\"" + level + "\"}";

        assertEquals(RegistryCalls.json(body), calls.ok("PUT", "/config", body));
        assertEquals(RegistryCalls.json(body), calls.ok("PUT", "/config/patches-value", body));
        assertEquals(level.name(), calls.get("/config").path("compatibilityLevel").asText());
        assertEquals(level.name(), calls.get("/config/patches-value").path("compatibilityLevel").asText());
    }

    @Test
    void levelsAreReadInAnyCase() {
        assertEquals("FULL_TRANSITIVE", calls.ok("PUT", "/config/patches-value",
                "{\"compatibility\":\"full_transitive\"}").path("compatibility").asText());
    }

    @Test
    void aSubjectWithoutItsOwnLevelIs40408UnlessDefaultToGlobal() {
        calls.ok("PUT", "/config", "{\"compatibility\":\"FORWARD\"}");

        String message = calls.refused(404, 40408, "GET", "/config/patches-value", null);
        assertTrue(message.contains("patches-value"), message);
        assertEquals(RegistryCalls.json("{\"compatibilityLevel\":\"FORWARD\"}"),
                calls.get("/config/patches-value?defaultToGlobal=true"));
    }

    @Test
    void deletingASubjectsLevelAnswersItAndTheGlobalOneAppliesAgain() {
        calls.ok("PUT", "/config/patches-value", "{\"compatibility\":\"NONE\"}");

        assertEquals(RegistryCalls.json("{\"compatibilityLevel\":\"NONE\"}"),
                calls.ok("DELETE", "/config/patches-value", null));
        assertEquals("BACKWARD", calls.get("/config/patches-value?defaultToGlobal=true").path("compatibilityLevel")
                .asText());
        calls.refused(404, 40401, "DELETE", "/config/patches-value", null);
    }

    @Test
    void deletingTheLevelOfASubjectWithVersionsButNoOwnLevelIs40408() {
        registry.register("patches-value", TestSchemas.COUNT);

        calls.refused(404, 40408, "DELETE", "/config/patches-value", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"compatibility\":\"SIDEWAYS\"}", "{\"compatibility\":3}", "{}", "[]", "not json", ""})
    void anUnknownLevelOrBodyIs42203(String body) {
        calls.refused(422, 42203, "PUT", "/config", body);
        calls.refused(422, 42203, "PUT", "/config/patches-value", body);
        assertEquals("BACKWARD", calls.get("/config").path("compatibilityLevel").asText());
    }

    @Test
    void theModeIsReadWrite() {
        assertEquals(RegistryCalls.json("{\"mode\":\"READWRITE\"}"), calls.get("/mode"));
    }
}
