package dev.anogan.stream.embedded;

import io.micronaut.context.annotation.ConfigurationProperties;
import dev.anogan.stream.registry.CompatibilityLevel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * The embedded default ({@code anogan.embedded.*}; env vars such as {@code ANOGAN_EMBEDDED_KAFKA_PORT}): a Kafka
 * broker and a schema registry in this process, started when no {@code anogan.streams.bootstrap-servers} is
 * configured and {@code enabled} is not false.
 */
@ConfigurationProperties(EmbeddedConfiguration.PREFIX)
public class EmbeddedConfiguration {

    public static final String PREFIX = "anogan.embedded";
    public static final String ENABLED = PREFIX + ".enabled";

    /** Start the embedded broker and registry when no bootstrap servers are configured. */
    private boolean enabled = true;

    /**
     * Holds the broker's logs ({@code kafka/}, the registry's {@code _schemas} topic among them) and the streams state
     * ({@code streams/}). Kept between runs, so that topics, offsets and schemas survive a restart; delete it for a
     * fresh start.
     */
    @NotNull
    private Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "anogan-stream");

    /** The broker's client port on 127.0.0.1 (0: any free port). */
    @Min(0)
    @Max(65_535)
    private int kafkaPort = 9092;

    /** The schema registry's HTTP port on 127.0.0.1 (0: any free port). */
    @Min(0)
    @Max(65_535)
    private int registryPort = 8081;

    /**
     * The registry's compatibility level for subjects without one of their own (Confluent's
     * {@code schema.compatibility.level}; {@code PUT /config} overrides it). FULL because both sides of the service
     * need it: the service reads {@code patches} with its own schema, so a producer's new schema must stay readable by
     * it (FORWARD), and consumers of the outputs read with the schema they were built with (FORWARD) or a newer one
     * (BACKWARD).
     */
    @NotNull
    private CompatibilityLevel registryCompatibility = CompatibilityLevel.FULL;

    /** Partitions of the topics the embedded broker creates: one per core lets every stream thread work. */
    @Min(1)
    private int partitions = Runtime.getRuntime().availableProcessors();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public int getKafkaPort() {
        return kafkaPort;
    }

    public void setKafkaPort(int kafkaPort) {
        this.kafkaPort = kafkaPort;
    }

    public int getRegistryPort() {
        return registryPort;
    }

    public void setRegistryPort(int registryPort) {
        this.registryPort = registryPort;
    }

    public CompatibilityLevel getRegistryCompatibility() {
        return registryCompatibility;
    }

    public void setRegistryCompatibility(CompatibilityLevel registryCompatibility) {
        this.registryCompatibility = registryCompatibility;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }
}
