package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies the registry cannot use are refused with Confluent's 422 and error code 42201, never a 500. */
class BadRequestsTest extends RegistryApiFixture {

    private static final List<String> SCHEMA_RESOURCES = List.of("/subjects/a-value/versions", "/subjects/a-value",
            "/compatibility/subjects/a-value/versions/latest", "/compatibility/subjects/a-value/versions");

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "null",
        "[]",
        "not json",
        "{\"schema\":1}",
        "{\"schema\":\"{\"}",
        "{\"schema\":\"\"}",
        "{\"schema\":\"{\\\"type\\\":\\\"record\\\"}\"}",
        "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"n\\\","
                + "\\\"type\\\":\\\"int\\\",\\\"default\\\":\\\"x\\\"}]}\"}",
        "{\"schema\":\"{\\\"type\\\":\\\"nosuchtype\\\"}\"}",
        "{\"schema\":\"{\\\"type\\\":\\\"enum\\\",\\\"name\\\":\\\"E\\\",\\\"symbols\\\":[\\\"A\\\",\\\"A\\\"]}\"}"
    })
    void aBodyWithoutAValidAvroSchemaIs42201OnEveryResourceThatTakesOne(String body) {
        registry.register("a-value", TestSchemas.COUNT);
        for (String path : SCHEMA_RESOURCES) {
            calls.refused(422, 42201, "POST", path, body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "PROTOBUF"})
    void otherSchemaTypesAreRefusedSayingOnlyAvroIsSupported(String type) {
        String body = RegistryCalls.write(Map.of("schemaType", type, "schema", "{\"type\":\"object\"}"));

        String message = calls.refused(422, 42201, "POST", "/subjects/a-value/versions", body);

        assertTrue(message.contains(type) && message.contains("AVRO schemas only"), message);
        assertEquals(RegistryCalls.json("[]"), calls.get("/subjects"));
    }

    @Test
    void explicitAvroTypeIsAccepted() {
        String body = RegistryCalls.write(Map.of("schemaType", "AVRO", "schema", TestSchemas.COUNT.toString()));

        assertEquals(RegistryCalls.json("{\"id\":1}"), calls.ok("POST", "/subjects/a-value/versions", body));
    }

    @Test
    void schemaReferencesAreRefused() {
        String body = RegistryCalls.write(Map.of("schema", TestSchemas.COUNT.toString(), "references",
                List.of(Map.of("name", "test.Other", "subject", "other-value", "version", 1))));

        calls.refused(422, 42201, "POST", "/subjects/a-value/versions", body);
    }
}
