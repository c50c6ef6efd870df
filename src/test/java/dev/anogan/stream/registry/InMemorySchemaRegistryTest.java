package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The in-memory registry's rules, and its REST API as any Confluent client sees it. */
class InMemorySchemaRegistryTest extends RegistryApiFixture {

    @Test
    void idsStartAtOneAndEachDistinctSchemaGetsTheNext() {
        assertEquals(1, registry.register("a-value", RegistryClientTest.READING));
        assertEquals(2, registry.register("a-value", RegistryClientTest.READING_WITH_LABEL));
        assertEquals(1, registry.register("b-value", RegistryClientTest.READING));
    }

    @Test
    void aSchemaThatCannotReadTheLatestOnesDataIsRefusedWith409() {
        registry.register("a-value", RegistryClientTest.READING);
        Schema countAsText = SchemaBuilder.record("Reading").namespace("test")
                .fields().requiredString("count").endRecord();

        assertFalse(registry.isCompatible("a-value", countAsText));
        RegistryException e = assertThrows(RegistryException.class, () -> registry.register("a-value", countAsText));
        assertEquals(409, e.errorCode());
        assertTrue(e.errorMessage().contains("/fields/0/type"), e.errorMessage());
    }

    @Test
    void concurrentRegistrationsOfOneSchemaMakeOneVersion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Set<Integer> ids = ConcurrentHashMap.newKeySet();
            List<Future<Boolean>> done = pool.invokeAll(List.of(
                    () -> ids.add(registry.register("a-value", RegistryClientTest.READING)),
                    () -> ids.add(registry.register("a-value", RegistryClientTest.READING)),
                    () -> ids.add(registry.register("a-value", RegistryClientTest.READING)),
                    () -> ids.add(registry.register("a-value", RegistryClientTest.READING))));
            for (Future<Boolean> f : done) {
                f.get();
            }
            assertEquals(Set.of(1), ids);
            assertEquals(1, registry.latest("a-value").version());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void getSubjectsListsTheSubjectsSorted() {
        registry.register("b-value", RegistryClientTest.READING);
        registry.register("a-value", RegistryClientTest.READING);

        HttpResponse<String> response = calls.send("GET", "/subjects", null);

        assertEquals(200, response.statusCode());
        assertEquals("[\"a-value\",\"b-value\"]", response.body());
        assertEquals(RegistryCalls.JSON, response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void registerAndLatestSpeakConfluentJson() {
        String schema = RegistryClientTest.READING.toString().replace("\"", "\\\"");

        assertEquals("{\"id\":1}",
                calls.send("POST", "/subjects/a-value/versions", "{\"schema\":\"" + schema + "\"}").body());
        assertEquals("{\"subject\":\"a-value\",\"version\":1,\"id\":1,\"schema\":\"" + schema + "\"}",
                calls.send("GET", "/subjects/a-value/versions/latest", null).body());
    }

    @Test
    void anInvalidSchemaIsRefusedWith42201() {
        HttpResponse<String> notAvro = calls.send("POST", "/subjects/a-value/versions", "{\"schema\":\"{\\\"type\\\":1}\"}");
        HttpResponse<String> noSchema = calls.send("POST", "/subjects/a-value/versions", "{\"schemaType\":\"AVRO\"}");

        assertEquals(422, notAvro.statusCode());
        assertTrue(notAvro.body().startsWith("{\"error_code\":42201,\"message\":\"Invalid schema: "), notAvro.body());
        assertEquals("{\"error_code\":42201,\"message\":\"Body has no \\\"schema\\\" string\"}", noSchema.body());
    }

    @Test
    void anUnknownPathIs404AndAnotherMethod405() {
        HttpResponse<String> unknown = calls.send("GET", "/contexts", null);
        HttpResponse<String> wrongMethod = calls.send("DELETE", "/subjects", null);

        assertEquals(404, unknown.statusCode());
        assertEquals("{\"error_code\":404,\"message\":\"No resource /contexts\"}", unknown.body());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("{\"error_code\":405,\"message\":\"Method DELETE not allowed; use GET\"}", wrongMethod.body());
    }

    @Test
    void aNonNumericIdIsASchemaNotFound() {
        HttpResponse<String> response = calls.send("GET", "/schemas/ids/abc", null);

        assertEquals(404, response.statusCode());
        assertEquals("{\"error_code\":40403,\"message\":\"Schema 'abc' not found\"}", response.body());
    }

    @Test
    void aClosedRegistryServesNothing() {
        registry.close();

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> calls.send("GET", "/subjects", null));
        assertInstanceOf(ConnectException.class, e.getCause());
    }
}
