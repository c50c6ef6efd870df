package dev.anogan.stream.helm;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every setting the chart passes to the service is a real configuration key of the service (or of Kafka). */
class EnvironmentMapsToServiceKeysTest {

    static Stream<RenderedChart> renders() {
        return Stream.of(RenderedChart.withDefaults(), RenderedChart.withProductionValues());
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everyAnoganVariableOfTheConfigMapIsAServiceKey(RenderedChart chart) {
        Map<String, Object> data = chart.environmentConfigMap();
        assertFalse(data.isEmpty());
        for (String name : data.keySet()) {
            assertTrue(ServiceConfigurationKeys.ENV_NAMES.contains(name),
                    () -> name + " is not the environment form of any service key " + ServiceConfigurationKeys.KEYS);
        }
        assertTrue(chart.container().toString().contains("configMapRef"), "the container reads the ConfigMap (envFrom)");
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everyContainerVariableIsAServiceKeyOrAKnownHelper(RenderedChart chart) {
        for (Map<String, Object> env : chart.containerEnv()) {
            String name = String.valueOf(env.get("name"));
            assertTrue(ServiceConfigurationKeys.ENV_NAMES.contains(name) || ServiceConfigurationKeys.OTHER_ENV.contains(name),
                    () -> name + " maps to no service configuration key");
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void theBundleDeviceAndStateDirAreAlwaysSet(RenderedChart chart) {
        Map<String, Object> data = chart.environmentConfigMap();
        assertTrue(data.containsKey("ANOGAN_MODEL_BUNDLE"));
        assertTrue(data.containsKey("ANOGAN_MODEL_DEVICE"));
        assertTrue(data.containsKey("ANOGAN_STREAMS_STATE_DIR"));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void noSettingIsPassedByItsRawDottedName(RenderedChart chart) {
        // the ConfigMap's keys must be valid environment variable names; dotted keys go in the config file
        for (String name : chart.environmentConfigMap().keySet()) {
            assertTrue(name.matches("[A-Z][A-Z0-9_]*"), () -> name + " is not an environment variable name");
        }
    }

    @Test
    void defaultsPointAtTheBundleInTheImageAndTheCpu() {
        Map<String, Object> data = RenderedChart.withDefaults().environmentConfigMap();
        assertEquals("classpath:bundles/default", data.get("ANOGAN_MODEL_BUNDLE"));
        assertEquals("cpu", data.get("ANOGAN_MODEL_DEVICE"));
        assertTrue(RenderedChart.withDefaults().find("ConfigMap", "-config").isEmpty(),
                "no Kafka config file without Kafka settings");
    }

    @Test
    void productionValuesMapToTheirKeys() {
        Map<String, Object> data = RenderedChart.withProductionValues().environmentConfigMap();
        assertEquals("kafka-0.kafka:9093,kafka-1.kafka:9093,kafka-2.kafka:9093", data.get("ANOGAN_STREAMS_BOOTSTRAP_SERVERS"));
        assertEquals("anogan-stream-line-4", data.get("ANOGAN_STREAMS_APPLICATION_ID"));
        assertEquals("2", data.get("ANOGAN_STREAMS_NUM_STREAM_THREADS"));
        assertEquals("hybrid", data.get("ANOGAN_SCORING_METHOD"));
        assertEquals("10", data.get("ANOGAN_SCORING_STEPS"));
        assertEquals("line-4.patches-dlq", data.get("ANOGAN_TOPICS_DEAD_LETTERS"));
        assertEquals("https://schema-registry.kafka:8081", data.get("ANOGAN_REGISTRY_URL"));
        assertEquals("/models/fmnist-class-1.zip", data.get("ANOGAN_MODEL_BUNDLE"));
        assertEquals("/etc/anogan-stream/registry-truststore/truststore.p12", data.get("ANOGAN_REGISTRY_TRUSTSTORE_PATH"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void kafkaSettingsAreKafkaConfigNamesInTheMountedConfigFile() {
        RenderedChart chart = RenderedChart.withProductionValues();
        String file = String.valueOf(map(chart.get("ConfigMap", "-config"), "data").get("kafka.yml"));
        Map<String, Object> yaml = new Yaml().load(file);
        Map<String, Object> properties = map(map(map(yaml, "anogan"), "streams"), "properties");

        Set<String> kafkaNames = new HashSet<>();
        kafkaNames.addAll(StreamsConfig.configDef().names());
        kafkaNames.addAll(ConsumerConfig.configNames());
        kafkaNames.addAll(ProducerConfig.configNames());
        kafkaNames.addAll(AdminClientConfig.configNames());
        for (String name : properties.keySet()) {
            assertTrue(kafkaNames.contains(name), () -> name + " is not a Kafka client setting");
        }
        assertEquals("SASL_SSL", properties.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", properties.get("sasl.mechanism"));
        assertEquals("/etc/anogan-stream/kafka-truststore/truststore.p12", properties.get("ssl.truststore.location"));

        String configFiles = chart.containerEnv().stream()
                .filter(e -> "MICRONAUT_CONFIG_FILES".equals(e.get("name")))
                .map(e -> String.valueOf(e.get("value"))).findFirst().orElseThrow();
        assertEquals("/etc/anogan-stream/config/kafka.yml", configFiles);
        assertTrue(chart.container().toString().contains("mountPath=/etc/anogan-stream/config"));
    }
}
