package dev.anogan.stream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.kafka.TopicsConfiguration;
import dev.anogan.stream.registry.CompatibilityLevel;
import dev.anogan.stream.registry.RegistryClient;
import dev.anogan.stream.registry.TestRegistries;
import dev.anogan.stream.testing.Api;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded cluster's registry: it runs at the configured compatibility level (FULL by default), and a cluster
 * restarted on the same data folder resolves the ids of the run before and hands a new schema a fresh one.
 */
class EmbeddedRegistryTest {

    @TempDir
    Path dataDir;

    private EmbeddedConfiguration config() {
        return EmbeddedConfigurations.onFreePorts(dataDir);
    }

    @Test
    void theRegistryRunsAtTheConfiguredLevelFullByDefault() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(config(), new TopicsConfiguration())) {
            assertEquals("FULL", level(cluster));
        }
        EmbeddedConfiguration forward = config();
        forward.setRegistryCompatibility(CompatibilityLevel.FORWARD);
        try (EmbeddedCluster cluster = EmbeddedCluster.start(forward, new TopicsConfiguration())) {
            assertEquals("FORWARD", level(cluster));
        }
    }

    @Test
    void aRestartOnTheSameFolderResolvesEarlierIdsAndHandsOutFreshOnes() {
        int patches;
        try (EmbeddedCluster cluster = EmbeddedCluster.start(config(), new TopicsConfiguration())) {
            patches = client(cluster).register("patches-value", ImagePatch.getClassSchema());
        }
        try (EmbeddedCluster cluster = EmbeddedCluster.start(config(), new TopicsConfiguration())) {
            RegistryClient client = client(cluster);

            assertEquals(ImagePatch.getClassSchema(), client.schemaById(patches));
            assertEquals(patches, client.latest("patches-value").id());
            assertEquals(patches + 1, client.register("patch-scores-value", PatchScore.getClassSchema()));
        }
    }

    private static RegistryClient client(EmbeddedCluster cluster) {
        return new RegistryClient(TestRegistries.config(cluster.registryUrl(), 1));
    }

    private static String level(EmbeddedCluster cluster) throws Exception {
        return new Api(URI.create(cluster.registryUrl()).toURL()).getJson("/config").path("compatibilityLevel")
                .asText();
    }
}
