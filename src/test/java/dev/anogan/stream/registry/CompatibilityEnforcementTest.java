package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Registration enforces the subject's level with Avro's schema resolution rules (409, error code 409, when the new
 * schema does not fit), and {@code POST /compatibility/subjects/{s}/versions/{v}} answers whether it would.
 */
class CompatibilityEnforcementTest extends RegistryApiFixture {

    /** Level, the schemas registered first, the next one, and whether the level lets it follow them. */
    static Stream<Arguments> levels() {
        return Stream.of(
                Arguments.of("NONE", new Schema[]{TestSchemas.COUNT}, TestSchemas.COUNT_AS_TEXT, true),
                Arguments.of("BACKWARD", new Schema[]{TestSchemas.COUNT}, TestSchemas.COUNT_LABEL_REQUIRED, false),
                Arguments.of("BACKWARD", new Schema[]{TestSchemas.COUNT}, TestSchemas.EMPTY, true),
                Arguments.of("FORWARD", new Schema[]{TestSchemas.COUNT}, TestSchemas.COUNT_LABEL_REQUIRED, true),
                Arguments.of("FORWARD", new Schema[]{TestSchemas.COUNT}, TestSchemas.EMPTY, false),
                Arguments.of("FULL", new Schema[]{TestSchemas.COUNT}, TestSchemas.COUNT_LABEL_OPTIONAL, true),
                Arguments.of("FULL", new Schema[]{TestSchemas.COUNT}, TestSchemas.COUNT_LABEL_REQUIRED, false),
                Arguments.of("FULL", new Schema[]{TestSchemas.COUNT}, TestSchemas.EMPTY, false),
                Arguments.of("BACKWARD", new Schema[]{TestSchemas.COUNT, TestSchemas.EMPTY},
                        TestSchemas.COUNT_AS_TEXT, true),
                Arguments.of("BACKWARD_TRANSITIVE", new Schema[]{TestSchemas.COUNT, TestSchemas.EMPTY},
                        TestSchemas.COUNT_AS_TEXT, false),
                Arguments.of("FORWARD", new Schema[]{TestSchemas.COUNT_AS_TEXT, TestSchemas.EMPTY},
                        TestSchemas.COUNT, true),
                Arguments.of("FORWARD_TRANSITIVE", new Schema[]{TestSchemas.COUNT_AS_TEXT, TestSchemas.EMPTY},
                        TestSchemas.COUNT, false),
                Arguments.of("FULL_TRANSITIVE", new Schema[]{TestSchemas.COUNT_AS_TEXT, TestSchemas.EMPTY},
                        TestSchemas.COUNT, false),
                Arguments.of("FULL_TRANSITIVE", new Schema[]{TestSchemas.COUNT, TestSchemas.COUNT_LABEL_OPTIONAL},
                        TestSchemas.EMPTY, false));
    }

    @ParameterizedTest(name = "{0}, next {2}: allowed {3}")
    @MethodSource("levels")
    void registrationFollowsTheSubjectsLevel(String level, Schema[] before, Schema next, boolean allowed) {
        calls.ok("PUT", "/config/patches-value", "{\"compatibility\":\"" + level + "\"}");
        for (Schema schema : before) {
            calls.ok("POST", "/subjects/patches-value/versions", RegistryCalls.schemaBody(schema));
        }

        if (allowed) {
            calls.ok("POST", "/subjects/patches-value/versions", RegistryCalls.schemaBody(next));
        } else {
            String message = calls.refused(409, 409, "POST", "/subjects/patches-value/versions",
                    RegistryCalls.schemaBody(next));
            assertTrue(message.contains("incompatible") && message.contains(level), message);
            assertEquals(before.length, calls.get("/subjects/patches-value/versions").size());
        }
        assertEquals(allowed, calls.ok("POST", "/compatibility/subjects/patches-value/versions",
                RegistryCalls.schemaBody(next)).path("is_compatible").asBoolean());
    }

    @Test
    void theGlobalLevelAppliesToSubjectsWithoutTheirOwn() {
        calls.ok("PUT", "/config", "{\"compatibility\":\"FORWARD\"}");
        registry.register("patches-value", TestSchemas.COUNT);

        calls.refused(409, 409, "POST", "/subjects/patches-value/versions", RegistryCalls.schemaBody(TestSchemas.EMPTY));
        calls.ok("POST", "/subjects/patches-value/versions", RegistryCalls.schemaBody(TestSchemas.COUNT_LABEL_REQUIRED));
    }

    @Test
    void theCheckAgainstANumberedOrTheLatestVersionAnswersIsCompatible() {
        registry.register("patches-value", TestSchemas.COUNT);
        registry.register("patches-value", TestSchemas.EMPTY);
        String body = RegistryCalls.schemaBody(TestSchemas.COUNT_AS_TEXT);

        assertEquals(RegistryCalls.json("{\"is_compatible\":true}"),
                calls.ok("POST", "/compatibility/subjects/patches-value/versions/latest", body));
        assertEquals(RegistryCalls.json("{\"is_compatible\":false}"),
                calls.ok("POST", "/compatibility/subjects/patches-value/versions/1", body));
    }

    @Test
    void verboseAddsTheReasons() {
        registry.register("patches-value", TestSchemas.COUNT);

        JsonNode answer = calls.ok("POST", "/compatibility/subjects/patches-value/versions/latest?verbose=true",
                RegistryCalls.schemaBody(TestSchemas.COUNT_LABEL_REQUIRED));

        assertFalse(answer.path("is_compatible").asBoolean());
        assertTrue(answer.path("messages").get(0).asText().contains("READER_FIELD_MISSING_DEFAULT_VALUE"),
                answer.toString());
        assertEquals(RegistryCalls.json("[]"), calls.ok("POST",
                "/compatibility/subjects/patches-value/versions/1?verbose=true",
                RegistryCalls.schemaBody(TestSchemas.COUNT_LABEL_OPTIONAL)).path("messages"));
    }

    @Test
    void theLatestOfASubjectWithoutVersionsIsNoConstraintButANumberedVersionMustExist() {
        String body = RegistryCalls.schemaBody(TestSchemas.COUNT);

        assertTrue(calls.ok("POST", "/compatibility/subjects/new-value/versions/latest", body).path("is_compatible")
                .asBoolean());
        calls.refused(404, 40401, "POST", "/compatibility/subjects/new-value/versions/1", body);
        registry.register("new-value", TestSchemas.COUNT);
        calls.refused(404, 40402, "POST", "/compatibility/subjects/new-value/versions/2", body);
        calls.refused(422, 42202, "POST", "/compatibility/subjects/new-value/versions/first", body);
    }
}
