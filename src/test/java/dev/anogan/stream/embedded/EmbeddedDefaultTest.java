package dev.anogan.stream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.avro.AnomalyAlert;
import dev.anogan.stream.avro.FloatImage;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.testing.Api;
import dev.anogan.stream.testing.CommittedRecords;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default, as README's first command starts it (minus fixed ports): broker, registry, the bundled
 * model, the demo scanner; scores and alerts reach a downstream read_committed consumer, they mean something, and
 * the REST API shows them.
 */
class EmbeddedDefaultTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    static Map<String, Object> embeddedDefault(Path dataDir) {
        Map<String, Object> props = new HashMap<>();
        props.put("anogan.embedded.enabled", true);
        props.put("anogan.embedded.kafka-port", 0);
        props.put("anogan.embedded.registry-port", 0);
        props.put("anogan.embedded.data-dir", dataDir.toString());
        props.put("micronaut.server.port", -1);
        return props;
    }

    @Test
    void scoresDemoPatchesRaisesAlertsForAnomaliesAndIsReadyWithMetrics() throws Exception {
        Map<String, Object> props = embeddedDefault(dataDir);
        props.put("anogan.demo.rate", 100);
        props.put("anogan.demo.anomaly-fraction", 0.5);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            ApplicationContext ctx = server.getApplicationContext();
            EmbeddedCluster cluster = ctx.getBean(EmbeddedCluster.class);
            SchemaRegistry registry = ctx.getBean(SchemaRegistry.class);
            Api api = new Api(server.getURL());
            assertFalse(ctx.containsBean(DemoImageScanner.class), "no images folder, no demo images");

            List<PatchScore> scores = CommittedRecords.read(cluster.bootstrapServers(), "patch-scores", registry,
                    PatchScore.class, s -> s.size() >= 300, TIMEOUT);
            assertTrue(scores.size() >= 300, "scores within " + TIMEOUT + ": " + scores.size());
            double detected = share(scores, "anomalous");
            double falseAlarms = share(scores, "normal");
            // The bundled model (trousers normal) finds most other garments at a 1 % false-positive threshold.
            assertTrue(detected > 0.6, "share of anomalous demo patches flagged: " + detected);
            assertTrue(falseAlarms < 0.1, "share of normal demo patches flagged: " + falseAlarms);

            JsonNode recent = api.getJson("/api/alerts?limit=5");
            assertFalse(recent.isEmpty());
            Set<String> shown = new HashSet<>();
            recent.forEach(alert -> shown.add(alert.path("patchId").asText()));
            List<AnomalyAlert> alerts = CommittedRecords.read(cluster.bootstrapServers(), "anomaly-alerts", registry,
                    AnomalyAlert.class, a -> a.size() >= 20 && ids(a).containsAll(shown), TIMEOUT);
            assertTrue(ids(alerts).containsAll(shown), "the API's alerts are the topic's: " + shown);
            assertTrue(alerts.size() >= 20, "alerts: " + alerts.size());
            for (AnomalyAlert alert : alerts) {
                assertTrue(alert.getScore() > alert.getThreshold());
                for (FloatImage image : List.of(alert.getPatch(), alert.getReconstruction(), alert.getAnomalyMap())) {
                    assertEquals(28, image.getWidth());
                    assertEquals(28 * 28 * Float.BYTES, image.getValues().remaining());
                }
            }

            JsonNode stats = api.getJson("/api/stats");
            assertTrue(stats.path("connected").asBoolean(), stats.toString());
            assertTrue(stats.path("counts").path("anomalous").asLong() > 0, stats.toString());
            assertTrue(stats.path("throughput").path("scoresPerSecond").asDouble() > 0, stats.toString());
            assertEquals(alerts.get(0).getThreshold(), stats.path("histogram").path("threshold").asDouble(), 1e-9);
            for (JsonNode alert : recent) {
                assertTrue(alert.path("score").asDouble() > alert.path("threshold").asDouble(), alert.toString());
                assertFalse(alert.path("metadata").path("labelName").asText().isEmpty(), alert.toString());
            }
            // The feed keeps the newest alerts only (50 by default; here 50 arrive a second): take a fresh one.
            JsonNode newest = api.getJson("/api/alerts?limit=1").get(0);
            BufferedImage map = ImageIO.read(new ByteArrayInputStream(api.getOk(
                    newest.path("images").path("map").asText())));
            assertEquals(28, map.getWidth());

            String readiness = new String(api.getOk("/health/readiness"), StandardCharsets.UTF_8);
            assertTrue(readiness.contains("\"kafkaStreams\"") && readiness.contains("RUNNING"), readiness);
            assertTrue(readiness.contains("fashion-mnist-class-1"), readiness);

            String method = api.getJson("/api/model").path("method").path("name").asText();
            String metrics = new String(api.getOk("/prometheus"), StandardCharsets.UTF_8);
            for (String meter : List.of("anogan_patches_scored_total{method=\"" + method + "\",verdict=\"anomalous\"}",
                    "anogan_model_calls_seconds_count", "anogan_batch_size_patches", "anogan_scores_bucket",
                    "kafka_consumer_fetch_manager_records_lag_max",
                    "kafka_consumer_fetch_manager_records_consumed_total", "kafka_producer_record_send_total")) {
                assertTrue(metrics.contains(meter), meter + " missing from /prometheus");
            }
        }
    }

    @Test
    void aSecondStartOnTheSameFolderKeepsTheFirstRunsRecordsDecodable() {
        Map<String, Object> props = embeddedDefault(dataDir);
        props.put("anogan.demo.rate", 50);
        String firstRun;
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            List<PatchScore> scores = CommittedRecords.read(ctx.getBean(EmbeddedCluster.class).bootstrapServers(),
                    "patch-scores", ctx.getBean(SchemaRegistry.class), PatchScore.class, s -> s.size() >= 20, TIMEOUT);
            assertTrue(scores.size() >= 20, "first run: " + scores.size() + " scores");
            firstRun = idOfRun(scores.get(0));
        }
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            // From the earliest offset, through the restarted registry: the first run's records come first, and
            // decode only if the registry still knows the ids it gave their schemas.
            List<PatchScore> scores = CommittedRecords.read(ctx.getBean(EmbeddedCluster.class).bootstrapServers(),
                    "patch-scores", ctx.getBean(SchemaRegistry.class), PatchScore.class,
                    s -> s.stream().anyMatch(score -> !idOfRun(score).equals(firstRun)), TIMEOUT);
            Set<String> runs = scores.stream().map(EmbeddedDefaultTest::idOfRun).collect(Collectors.toSet());
            assertEquals(firstRun, idOfRun(scores.get(0)), "the first run's scores are kept");
            assertEquals(2, runs.size(), "scores of both runs: " + runs);
            assertTrue(scores.stream().allMatch(s -> !s.getModel().isEmpty() && s.getThreshold() > 0),
                    "every score decodes whole");
        }
    }

    @Test
    void withBootstrapServersOrDisabledThereIsNoEmbeddedCluster() {
        Map<String, Object> disabled = embeddedDefault(dataDir);
        disabled.put("anogan.embedded.enabled", false);
        try (ApplicationContext ctx = ApplicationContext.run(disabled)) {
            assertFalse(ctx.containsBean(EmbeddedCluster.class));
            assertFalse(ctx.containsBean(DemoScanner.class));
        }
        Map<String, Object> demoOff = embeddedDefault(dataDir);
        demoOff.put("anogan.demo.enabled", false);
        try (ApplicationContext ctx = ApplicationContext.run(demoOff)) {
            assertTrue(ctx.containsBean(EmbeddedCluster.class));
            assertFalse(ctx.containsBean(DemoScanner.class));
        }
    }

    private static Set<String> ids(List<AnomalyAlert> alerts) {
        return alerts.stream().map(AnomalyAlert::getPatchId).collect(Collectors.toSet());
    }

    private static double share(List<PatchScore> scores, String expected) {
        List<PatchScore> of = scores.stream().filter(s -> expected.equals(s.getMetadata().get("expected"))).toList();
        assertFalse(of.isEmpty(), "no " + expected + " demo patches");
        return (double) of.stream().filter(PatchScore::getAnomalous).count() / of.size();
    }

    private static String idOfRun(PatchScore score) {
        String id = score.getPatchId();
        return id.substring(0, id.lastIndexOf('-'));
    }
}
