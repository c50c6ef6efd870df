package dev.anogan.stream.embedded;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.kafka.TopicsConfiguration;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that cannot work says which key to change. */
class EmbeddedClusterRefusalsTest {

    @TempDir
    Path dataDir;

    private EmbeddedConfiguration config() {
        return EmbeddedConfigurations.onFreePorts(dataDir);
    }

    @Test
    void aTakenPortNamesItsKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedConfiguration kafkaPort = config();
            kafkaPort.setKafkaPort(taken.getLocalPort());
            assertMessage(assertThrows(EmbeddedKafkaException.class,
                    () -> EmbeddedCluster.start(kafkaPort, new TopicsConfiguration())), "anogan.embedded.kafka-port");
            EmbeddedConfiguration registryPort = config();
            registryPort.setRegistryPort(taken.getLocalPort());
            assertMessage(assertThrows(EmbeddedKafkaException.class,
                    () -> EmbeddedCluster.start(registryPort, new TopicsConfiguration())),
                    "anogan.embedded.registry-port");
        }
    }

    @Test
    void aFolderInUseByARunningInstanceIsLeftAlone() {
        try (EmbeddedCluster running = EmbeddedCluster.start(config(), new TopicsConfiguration())) {
            assertMessage(assertThrows(EmbeddedKafkaException.class,
                    () -> EmbeddedCluster.start(config(), new TopicsConfiguration())), "anogan.embedded.data-dir");
            assertTrue(running.bootstrapServers().startsWith("127.0.0.1:"));
        }
    }

    @Test
    void missingDemoImagesNameTheKeysAndThePackage() {
        DemoConfiguration demo = new DemoConfiguration();
        demo.setImages(dataDir.resolve("missing-images.gz"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> DemoPatches.load(demo, Set.of(1)));
        assertMessage(e, "anogan.demo.images");
        assertMessage(e, "dataset-fashion-mnist");
    }

    private static void assertMessage(Exception e, String part) {
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
