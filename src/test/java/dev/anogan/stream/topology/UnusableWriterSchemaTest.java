package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.serde.WireFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A record whose writer schema id the registry serves, but not as a schema Avro can use (Protobuf, JSON Schema, an
 * Avro schema with references), is a dead letter: the stream goes on with the next record instead of failing (and
 * replacing) its thread on the same record forever. The registry is reached through the service's own client.
 */
class UnusableWriterSchemaTest extends FixturePerClass {

    private static final int FOREIGN_ID = 900_001;

    static Stream<Arguments> unusableSchemas() {
        return Stream.of(
                Arguments.of("PROTOBUF", StubSchemaServer.schemaOfType("PROTOBUF",
                        "syntax = \"proto3\";\nmessage ImagePatch {\n  string patch_id = 1;\n}\n")),
                Arguments.of("JSON", StubSchemaServer.schemaOfType("JSON",
                        "{\"type\":\"object\",\"properties\":{\"patchId\":{\"type\":\"string\"}}}")),
                Arguments.of("AVRO with references", "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":"
                        + "\\\"Wrapper\\\",\\\"fields\\\":[{\\\"name\\\":\\\"patch\\\",\\\"type\\\":"
                        + "\\\"scanner.Patch\\\"}]}\",\"references\":[{\"name\":\"scanner.Patch\","
                        + "\"subject\":\"scanner-patch\",\"version\":1}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableSchemas")
    void aWriterSchemaAvroCannotUseIsADeadLetterAndTheNextPatchesScore(String type, String body) {
        try (StubSchemaServer stub = new StubSchemaServer(200, body);
             DriverHarness harness = new DriverHarness(fixture, fixture.topology(new TopicsConfiguration(),
                     new BatchPolicy(2, DriverHarness.MAX_WAIT), fixture.monitor(),
                     stub.routing(fixture.client(), id -> id == FOREIGN_ID)))) {
            byte[] foreign = WireFormat.encode(FOREIGN_ID, new byte[] {10, 2, 'p', '1'});
            harness.patches.pipeInput("foreign".getBytes(), foreign);
            harness.send(StreamingFixture.patch(0));
            harness.send(StreamingFixture.patch(1));

            DeadLetter letter = harness.deadLetters.readValue();
            assertEquals(DeadLetterReason.UNKNOWN_SCHEMA, letter.getReason());
            assertTrue(letter.getReasonText().contains("not as a plain Avro schema"), letter.getReasonText());
            assertArrayEquals(foreign, Supervisions.bytes(letter.getValue()));
            assertTrue(harness.deadLetters.isEmpty());
            assertEquals(List.of("patch-0", "patch-1"),
                    harness.scores.readValuesToList().stream().map(PatchScore::getPatchId).toList());
        }
    }
}
