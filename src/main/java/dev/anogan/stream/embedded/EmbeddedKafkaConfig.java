package dev.anogan.stream.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start an {@link EmbeddedKafka} broker.
 *
 * @param dataDir          where the broker keeps its logs and metadata; empty: a fresh temporary folder,
 *                         deleted on close. A given folder is kept on close and reused on the next start
 * @param cleanStart       delete {@code dataDir} before starting (a fresh cluster); ignored for a temporary folder
 * @param brokerPort       the client listener's port on 127.0.0.1; 0 for a free one
 * @param controllerPort   the KRaft controller listener's port on 127.0.0.1; 0 for a free one
 * @param brokerProperties extra broker settings ({@code server.properties} keys), applied last
 */
public record EmbeddedKafkaConfig(Optional<Path> dataDir, boolean cleanStart, int brokerPort, int controllerPort,
                                  Map<String, String> brokerProperties) {

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        brokerProperties = Map.copyOf(brokerProperties);
        requirePort(brokerPort, "brokerPort");
        requirePort(controllerPort, "controllerPort");
    }

    /** A throw-away broker: temporary folder, free ports. */
    public static EmbeddedKafkaConfig ephemeral() {
        return new EmbeddedKafkaConfig(Optional.empty(), false, 0, 0, Map.of());
    }

    /** A broker on free ports that keeps its data in {@code dataDir} and reuses it on restart. */
    public static EmbeddedKafkaConfig persistentIn(Path dataDir) {
        return new EmbeddedKafkaConfig(Optional.of(dataDir), false, 0, 0, Map.of());
    }

    /** This configuration with the given ports. */
    public EmbeddedKafkaConfig withPorts(int broker, int controller) {
        return new EmbeddedKafkaConfig(dataDir, cleanStart, broker, controller, brokerProperties);
    }

    /** This configuration, starting from an empty data folder. */
    public EmbeddedKafkaConfig withCleanStart() {
        return new EmbeddedKafkaConfig(dataDir, true, brokerPort, controllerPort, brokerProperties);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0..65535, got " + port);
        }
    }
}
