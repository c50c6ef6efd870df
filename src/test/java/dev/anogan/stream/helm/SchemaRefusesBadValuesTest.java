package dev.anogan.stream.helm;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** values.schema.json refuses a wrong type or an unknown key, naming the field. */
class SchemaRefusesBadValuesTest {

    private static final Path VALUES = Path.of("src", "test", "resources", "helm");

    @Test
    void aStringReplicaCountIsRefusedNamingTheField() {
        Exception refused = assertThrows(Exception.class,
                () -> RenderedChart.template(VALUES.resolve("bad-replica-count.yaml")));
        assertTrue(refused.getMessage().contains("replicaCount"), refused.getMessage());
        assertTrue(refused.getMessage().contains("schema"), refused.getMessage());
    }

    @Test
    void aMisspelledKeyIsRefusedNamingIt() {
        Exception refused = assertThrows(Exception.class,
                () -> RenderedChart.template(VALUES.resolve("unknown-key.yaml")));
        assertTrue(refused.getMessage().contains("bootstrapServer"), refused.getMessage());
        assertTrue(refused.getMessage().contains("streams"), refused.getMessage());
    }

    @Test
    void aSecretKafkaSettingCannotBeWrittenAsAPlainProperty() {
        Exception refused = assertThrows(Exception.class, () -> RenderedChart.withSettings(
                Map.of("kafka.properties.sasl\\.jaas\\.config", "PlainLoginModule required password=x;")));
        assertTrue(refused.getMessage().contains("/kafka/properties/sasl.jaas.config"), refused.getMessage());
    }
}
