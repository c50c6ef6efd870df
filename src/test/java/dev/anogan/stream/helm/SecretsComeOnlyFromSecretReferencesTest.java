package dev.anogan.stream.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.anogan.stream.helm.RenderedChart.list;
import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secret material reaches the pod only through references to existing Secrets, never as a literal. */
class SecretsComeOnlyFromSecretReferencesTest {

    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i).*(password|passwd|token|jaas|user_?info|secret|credential|api_?key).*");

    static Stream<RenderedChart> renders() {
        return Stream.of(RenderedChart.withDefaults(), RenderedChart.withProductionValues());
    }

    @ParameterizedTest
    @MethodSource("renders")
    void theChartCreatesNoSecret(RenderedChart chart) {
        assertTrue(chart.documents().stream().noneMatch(d -> "Secret".equals(d.get("kind"))));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void everySecretLikeVariableUsesASecretKeyRef(RenderedChart chart) {
        for (Map<String, Object> env : chart.containerEnv()) {
            String name = String.valueOf(env.get("name"));
            if (SECRET_LIKE.matcher(name).matches()) {
                assertNull(env.get("value"), () -> name + " has a literal value");
                Map<String, Object> ref = map(map(env, "valueFrom"), "secretKeyRef");
                assertFalse(String.valueOf(ref.get("name")).isBlank(), () -> name + ": secretKeyRef without a name");
                assertFalse(String.valueOf(ref.get("key")).isBlank(), () -> name + ": secretKeyRef without a key");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void noConfigMapCarriesASecretLikeSetting(RenderedChart chart) {
        List<Map<String, Object>> configMaps = chart.documents().stream()
                .filter(d -> "ConfigMap".equals(d.get("kind"))).collect(Collectors.toList());
        for (Map<String, Object> configMap : configMaps) {
            for (Map.Entry<String, Object> entry : map(configMap, "data").entrySet()) {
                assertFalse(SECRET_LIKE.matcher(entry.getKey()).matches(),
                        () -> "ConfigMap key " + entry.getKey() + " looks secret");
                // the Kafka config file may name secret settings, but only as ${ENV} placeholders
                for (String line : String.valueOf(entry.getValue()).split("\n")) {
                    String[] pair = line.trim().split(":\\s+", 2);
                    if (pair.length == 2 && SECRET_LIKE.matcher(pair[0]).matches()) {
                        assertTrue(pair[1].matches("\"\\$\\{[A-Z_]+}\""),
                                () -> "secret setting " + pair[0] + " is not a placeholder: " + pair[1]);
                    }
                }
            }
        }
    }

    @Test
    void productionSecretsAreReferencedByNameAndKey() {
        RenderedChart chart = RenderedChart.withProductionValues();
        Map<String, Map<String, Object>> refs = chart.containerEnv().stream()
                // the downward API's pod name (static membership) is a valueFrom too, not a secret
                .filter(e -> e.get("valueFrom") instanceof Map<?, ?> from && from.containsKey("secretKeyRef"))
                .collect(Collectors.toMap(e -> String.valueOf(e.get("name")),
                        e -> map(map(e, "valueFrom"), "secretKeyRef")));

        assertEquals(Map.of("name", "kafka-client", "key", "sasl.jaas.config"), refs.get("KAFKA_SASL_JAAS_CONFIG"));
        assertEquals(Map.of("name", "kafka-ca", "key", "password"), refs.get("KAFKA_SSL_TRUSTSTORE_PASSWORD"));
        assertEquals(Map.of("name", "registry-credentials", "key", "user-info"),
                refs.get("ANOGAN_REGISTRY_BASIC_AUTH_USER_INFO"));
        assertEquals(Map.of("name", "registry-ca", "key", "password"), refs.get("ANOGAN_REGISTRY_TRUSTSTORE_PASSWORD"));

        String kafkaFile = String.valueOf(map(chart.get("ConfigMap", "-config"), "data").get("kafka.yml"));
        assertTrue(kafkaFile.contains("\"sasl.jaas.config\": \"${KAFKA_SASL_JAAS_CONFIG}\""), kafkaFile);
        assertTrue(kafkaFile.contains("\"ssl.truststore.password\": \"${KAFKA_SSL_TRUSTSTORE_PASSWORD}\""), kafkaFile);
    }

    @Test
    void truststoresAreMountedFromSecretVolumesReadOnly() {
        RenderedChart chart = RenderedChart.withProductionValues();
        Map<String, String> secretVolumes = list(chart.podSpec(), "volumes").stream()
                .filter(v -> v.get("secret") != null)
                .collect(Collectors.toMap(v -> String.valueOf(v.get("name")),
                        v -> String.valueOf(map(v, "secret").get("secretName"))));
        assertEquals(Map.of("kafka-truststore", "kafka-ca", "registry-truststore", "registry-ca"), secretVolumes);

        for (Map<String, Object> mount : list(chart.container(), "volumeMounts")) {
            if (secretVolumes.containsKey(String.valueOf(mount.get("name")))) {
                assertEquals(Boolean.TRUE, mount.get("readOnly"), () -> mount + " is writable");
            }
        }
    }

    @Test
    void aRegistryBearerTokenComesFromItsSecretAndExcludesBasicAuth() {
        RenderedChart chart = RenderedChart.withSettings(Map.of("registry.bearerToken.secretName", "registry-token"));
        Map<String, Object> env = chart.containerEnv().stream()
                .filter(e -> "ANOGAN_REGISTRY_BEARER_TOKEN".equals(e.get("name"))).findFirst().orElseThrow();
        assertEquals(Map.of("name", "registry-token", "key", "token"), map(map(env, "valueFrom"), "secretKeyRef"));

        Exception both = assertThrows(Exception.class, () -> RenderedChart.withSettings(
                Map.of("registry.bearerToken.secretName", "registry-token",
                        "registry.basicAuth.secretName", "registry-credentials")));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }
}
