package dev.anogan.stream.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production render's environment and mounted Kafka config file, given to the real service configuration in a
 * child JVM (environment variables cannot be set in this one): Micronaut binds the ANOGAN_* variables, reads the
 * file named by MICRONAUT_CONFIG_FILES, keeps the dotted Kafka names as written and fills the ${...} placeholders
 * from the variables that the pod takes from Secrets.
 */
class ChartConfigurationReachesTheServiceTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"scanner\" password=\"s3cr3t\";";

    @Test
    void theServiceBindsWhatThePodReceives(@TempDir Path dir) throws Exception {
        RenderedChart chart = RenderedChart.withProductionValues();
        Path kafkaFile = dir.resolve("kafka.yml");
        Files.writeString(kafkaFile, String.valueOf(map(chart.get("ConfigMap", "-config"), "data").get("kafka.yml")));

        Map<String, String> env = new HashMap<>();
        chart.environmentConfigMap().forEach((k, v) -> env.put(k, String.valueOf(v)));
        // no broker here: without bootstrap servers the context starts no streams application
        env.remove("ANOGAN_STREAMS_BOOTSTRAP_SERVERS");
        env.put("MICRONAUT_CONFIG_FILES", kafkaFile.toString());
        env.put("KAFKA_SASL_JAAS_CONFIG", JAAS);
        env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", "kafka-trust-pw");
        env.put("ANOGAN_REGISTRY_BASIC_AUTH_USER_INFO", "scanner:registry-pw");
        env.put("ANOGAN_REGISTRY_TRUSTSTORE_PASSWORD", "registry-trust-pw");

        Map<String, String> bound = runChild(env);

        assertEquals("SASL_SSL", bound.get("streams.properties.security.protocol"));
        assertEquals("SCRAM-SHA-512", bound.get("streams.properties.sasl.mechanism"));
        assertEquals(JAAS, bound.get("streams.properties.sasl.jaas.config"));
        assertEquals("kafka-trust-pw", bound.get("streams.properties.ssl.truststore.password"));
        assertEquals("/etc/anogan-stream/kafka-truststore/truststore.p12",
                bound.get("streams.properties.ssl.truststore.location"));
        assertEquals("use_all_dns_ips", bound.get("streams.properties.client.dns.lookup"));
        assertTrue(bound.keySet().stream().filter(k -> k.startsWith("streams.properties."))
                        .noneMatch(k -> k.contains("-")), () -> "a Kafka name was mangled: " + bound);

        assertEquals("anogan-stream-line-4", bound.get("streams.application-id"));
        assertEquals("2", bound.get("streams.num-stream-threads"));
        assertEquals("/var/lib/anogan-stream/state", bound.get("streams.state-dir"));
        assertEquals("https://schema-registry.kafka:8081", bound.get("registry.url"));
        assertEquals("scanner:registry-pw", bound.get("registry.basic-auth-user-info"));
        assertEquals("/etc/anogan-stream/registry-truststore/truststore.p12", bound.get("registry.truststore-path"));
        assertEquals("registry-trust-pw", bound.get("registry.truststore-password"));
        assertEquals("PKCS12", bound.get("registry.truststore-type"));
        assertEquals("line-4.image-verdicts", bound.get("topics.image-verdicts"));
        assertEquals("PT2M", bound.get("images.timeout"));
        assertEquals("5000", bound.get("images.max-open-images"));
    }

    private static Map<String, String> runChild(Map<String, String> env) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), PrintServiceConfiguration.class.getName()))
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("ANOGAN_") || k.startsWith("MICRONAUT_")
                || k.startsWith("KAFKA_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        Map<String, String> bound = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("BOUND ")) {
                String[] pair = line.substring(6).split("=", 2);
                bound.put(pair[0], pair[1]);
            }
        }
        assertFalse(bound.isEmpty(), output);
        return bound;
    }
}
