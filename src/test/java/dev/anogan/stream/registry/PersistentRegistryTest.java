package dev.anogan.stream.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry persisted in its broker's compacted {@code _schemas} topic: broker and registry restarted on the same
 * data folder still resolve earlier ids to the same schemas, remember versions, deletes and levels, and hand a new
 * schema a fresh id.
 */
class PersistentRegistryTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartOnTheSameFolderKeepsIdsVersionsDeletesAndLevels() {
        int count;
        int empty;
        int label;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.persistentIn(dataDir));
             InMemorySchemaRegistry registry = start(kafka)) {
            RegistryCalls calls = new RegistryCalls(registry.url());
            count = registry.register("patches-value", TestSchemas.COUNT);
            empty = registry.register("other-value", TestSchemas.EMPTY);
            calls.ok("DELETE", "/subjects/other-value", null);
            calls.ok("DELETE", "/subjects/other-value?permanent=true", null);
            calls.ok("PUT", "/config", "{\"compatibility\":\"FORWARD\"}");
            calls.ok("PUT", "/config/patches-value", "{\"compatibility\":\"NONE\"}");
            label = registry.register("patches-value", TestSchemas.COUNT_LABEL_OPTIONAL);
            calls.ok("DELETE", "/subjects/patches-value/versions/1", null);
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.persistentIn(dataDir));
             InMemorySchemaRegistry registry = start(kafka)) {
            RegistryCalls calls = new RegistryCalls(registry.url());
            RegistryClient client = TestRegistries.clientOf(registry);

            assertEquals(TestSchemas.COUNT, client.schemaById(count));
            assertEquals(TestSchemas.EMPTY, client.schemaById(empty), "ids outlive permanent deletes");
            assertEquals(TestSchemas.COUNT_LABEL_OPTIONAL, client.schemaById(label));
            assertEquals(new RegisteredSchema(label, 2, TestSchemas.COUNT_LABEL_OPTIONAL),
                    client.latest("patches-value"));
            assertEquals(RegistryCalls.json("[2]"), calls.get("/subjects/patches-value/versions"));
            assertEquals(RegistryCalls.json("[\"patches-value\"]"), calls.get("/subjects?deleted=true"));
            assertEquals("FORWARD", calls.get("/config").path("compatibilityLevel").asText());
            assertEquals("NONE", calls.get("/config/patches-value").path("compatibilityLevel").asText());

            int fresh = client.register("patches-value", TestSchemas.COUNT_AS_TEXT);
            assertEquals(label + 1, fresh, "a new schema gets a fresh id, none of the earlier ones");
            assertEquals(3, client.latest("patches-value").version());
            assertEquals(empty, client.register("other-value", TestSchemas.EMPTY), "a known schema keeps its id");
        }
    }

    @Test
    void theTopicIsCompactedAndAnEmptyOneStartsAnEmptyRegistry() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.persistentIn(dataDir));
             InMemorySchemaRegistry registry = start(kafka);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, KafkaSchemaLog.TOPIC);

            String policy = admin.describeConfigs(java.util.List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();

            assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, policy);
            assertEquals(java.util.List.of(), registry.subjects());
            assertThrows(RegistryException.class, () -> registry.schemaById(1));
        }
    }

    private static InMemorySchemaRegistry start(EmbeddedKafka kafka) {
        return InMemorySchemaRegistry.start(RegistryServerSettings.on("127.0.0.1", 0)
                .persistedIn(kafka.bootstrapServers()));
    }
}
