package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.TestRegistries;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every topic's record through serializer and deserializer, with the in-memory registry over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvroRoundTripTest {

    private InMemorySchemaRegistry registry;
    private RegistryClient client;

    @BeforeAll
    void start() {
        registry = TestRegistries.startInMemory();
        client = TestRegistries.clientOf(registry);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    static Stream<Arguments> records() {
        return Stream.of(Arguments.of("patches", SampleRecords.imagePatch()),
                Arguments.of("patch-scores", SampleRecords.patchScore()),
                Arguments.of("anomaly-alerts", SampleRecords.anomalyAlert()),
                Arguments.of("patches-dlq", SampleRecords.deadLetter()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void aRecordReadsBackEqualAndItsSchemaIsRegisteredUnderItsTopic(String topic, SpecificRecord record) {
        assertEquals(record, roundTrip(topic, record));
        assertEquals(record.getSchema(), registry.latest(topic + "-value").schema());
    }

    private <T extends SpecificRecord> T roundTrip(String topic, T record) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        byte[] bytes = new AvroRecordSerializer<T>(client).serialize(topic, record);
        return new AvroRecordDeserializer<>(client, type).deserialize(bytes);
    }
}
