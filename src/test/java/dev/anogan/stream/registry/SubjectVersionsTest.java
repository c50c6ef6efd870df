package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /subjects}, {@code /subjects/{s}/versions} and {@code /subjects/{s}/versions/{v}[/schema]}. */
class SubjectVersionsTest extends RegistryApiFixture {

    private int first;
    private int second;

    @BeforeEach
    void register() {
        first = registry.register("patches-value", TestSchemas.COUNT);
        second = registry.register("patches-value", TestSchemas.COUNT_LABEL_OPTIONAL);
    }

    @Test
    void versionsListsTheSubjectsVersionNumbers() {
        assertEquals(RegistryCalls.json("[1,2]"), calls.get("/subjects/patches-value/versions"));
        calls.refused(404, 40401, "GET", "/subjects/nothing-value/versions", null);
    }

    @Test
    void aNumberedVersionAnswersSubjectVersionIdAndSchema() {
        JsonNode version = calls.get("/subjects/patches-value/versions/1");

        assertEquals(RegistryCalls.json("{\"subject\":\"patches-value\",\"version\":1,\"id\":" + first
                + ",\"schema\":" + RegistryCalls.write(TestSchemas.COUNT.toString()) + "}"), version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "-1"})
    void latestAndMinusOneNameTheNewestVersion(String latest) {
        JsonNode version = calls.get("/subjects/patches-value/versions/" + latest);

        assertEquals(2, version.path("version").asInt());
        assertEquals(second, version.path("id").asInt());
    }

    @Test
    void theSchemaSubResourceAnswersTheRawSchema() {
        HttpResponse<String> raw = calls.send("GET", "/subjects/patches-value/versions/1/schema", null);
        HttpResponse<String> latest = calls.send("GET", "/subjects/patches-value/versions/latest/schema", null);

        assertEquals(200, raw.statusCode());
        assertEquals(TestSchemas.COUNT, new org.apache.avro.Schema.Parser().parse(raw.body()));
        assertEquals(TestSchemas.COUNT_LABEL_OPTIONAL, new org.apache.avro.Schema.Parser().parse(latest.body()));
    }

    @Test
    void aMissingVersionIs40402AndAMissingSubject40401() {
        assertEquals("Version 3 not found.", calls.refused(404, 40402, "GET", "/subjects/patches-value/versions/3",
                null));
        calls.refused(404, 40401, "GET", "/subjects/nothing-value/versions/1", null);
        calls.refused(404, 40401, "GET", "/subjects/nothing-value/versions/latest", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "abc", "2147483648", "1.5"})
    void aVersionThatIsNoNumberFromOneNorLatestIs42202(String version) {
        String message = calls.refused(422, 42202, "GET", "/subjects/patches-value/versions/" + version, null);

        assertTrue(message.contains("'" + version + "'"), message);
    }

    @Test
    void subjectsListsThoseWithLiveVersionsAndWithDeletedTrueAlsoSoftDeletedOnes() {
        registry.register("alerts-value", TestSchemas.COUNT);
        calls.ok("DELETE", "/subjects/alerts-value", null);

        assertEquals(RegistryCalls.json("[\"patches-value\"]"), calls.get("/subjects"));
        assertEquals(RegistryCalls.json("[\"alerts-value\",\"patches-value\"]"), calls.get("/subjects?deleted=true"));
    }
}
