package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.testing.Workload;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Patches published on Kafka reach the API: the feed reads every committed score and alert, and the stats, scores
 * and alerts endpoints show what the scorer computed.
 */
@ExtendWith(SharedLiveService.class)
class FeedEndToEndTest {

    private static final List<Integer> PATCHES = Workload.mix(0, 240, 60, 7);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** How {@link LiveService#publish} names the patches: this prefix and the test image's index. */
    private static final String PATCH_ID = "patch-";

    private static JsonNode statsAfterBurst;

    @BeforeAll
    static void publish(LiveService service) throws InterruptedException {
        service.publish(PATCHES);
        statsAfterBurst = service.awaitAllScored(TIMEOUT);
    }

    @Test
    void statsCountEveryScoreByVerdictWithLiveThroughputAndLatency(LiveService service) throws Exception {
        JsonNode stats = service.awaitAllScored(TIMEOUT);
        JsonNode counts = stats.get("counts");
        assertEquals(service.published(), counts.get("normal").longValue() + counts.get("anomalous").longValue());
        assertTrue(counts.get("anomalous").longValue() > 0, counts.toString());
        assertEquals(0, counts.get("unreadable").longValue());
        assertTrue(stats.get("connected").booleanValue());

        assertTrue(statsAfterBurst.get("throughput").get("scoresPerSecond").doubleValue() > 0,
                statsAfterBurst.toString());
        JsonNode latency = statsAfterBurst.get("latencyMillis");
        assertTrue(latency.get("samples").intValue() > 0);
        assertTrue(latency.get("p50").longValue() <= latency.get("p95").longValue()
                && latency.get("p95").longValue() <= latency.get("p99").longValue(), latency.toString());

        JsonNode histogram = stats.get("histogram");
        long binned = histogram.get("overflow").longValue();
        for (JsonNode bin : histogram.get("bins")) {
            binned += bin.longValue();
        }
        assertEquals(histogram.get("scores").longValue(), binned);
        assertEquals(Math.min(500, service.published()), histogram.get("scores").intValue());
        assertEquals(service.scorer().calibration().threshold(), histogram.get("threshold").doubleValue());
    }

    @Test
    void scoresShowWhatTheScorerComputes(LiveService service) throws Exception {
        service.awaitAllScored(TIMEOUT);
        JsonNode scores = service.api().getJson("/api/scores?limit=100");
        assertEquals(100, scores.size());
        List<Patch> patches = new ArrayList<>();
        for (JsonNode s : scores) {
            patches.add(Workload.MNIST.patch(index(s.get("patchId").asText())));
        }
        List<PatchVerdict> expected = service.scorer().score(patches, false);
        for (int i = 0; i < scores.size(); i++) {
            JsonNode s = scores.get(i);
            PatchVerdict e = expected.get(i);
            assertEquals(e.score(), s.get("score").floatValue(), 1e-4 * e.score(), s.toString());
            assertEquals(e.anomalous(), s.get("anomalous").booleanValue(), s.toString());
            assertEquals(LiveService.METHOD, s.get("method").asText());
            assertEquals(e.threshold(), s.get("threshold").doubleValue());
            assertTrue(s.get("endToEndMillis").longValue() >= 0, s.toString());
            Instant produced = Instant.parse(s.get("producedAt").asText());
            assertFalse(Instant.parse(s.get("scoredAt").asText()).isBefore(produced.minusSeconds(1)), s.toString());
        }
    }

    @Test
    void alertsAreTheAnomalousScoresWithPicturesOfThePatch(LiveService service) throws Exception {
        JsonNode counts = service.awaitAllScored(TIMEOUT).get("counts");
        Map<String, Boolean> verdicts = new HashMap<>();
        JsonNode scores = service.api().getJson("/api/scores?limit=10000");
        scores.forEach(s -> verdicts.put(s.get("patchId").asText(), s.get("anomalous").booleanValue()));
        // The feed holds the newest 500 scores and 50 alerts: alerts older than the oldest score held (the shared
        // service's earlier patches) cannot be matched with their score.
        Instant oldestScore = Instant.parse(scores.get(scores.size() - 1).get("scoredAt").asText());
        JsonNode alerts = service.api().getJson("/api/alerts?limit=50");
        assertEquals(Math.min(50, counts.get("anomalous").intValue()), alerts.size());
        for (JsonNode alert : alerts) {
            String id = alert.get("patchId").asText();
            if (Instant.parse(alert.get("scoredAt").asText()).isBefore(oldestScore)) {
                continue;
            }
            assertEquals(Boolean.TRUE, verdicts.get(id), id + " alerted but not scored anomalous");
            Map<String, BufferedImage> images = new HashMap<>();
            for (String name : List.of("patch", "reconstruction", "map")) {
                HttpResponse<byte[]> png = service.api().get(alert.get("images").get(name).asText());
                assertEquals(200, png.statusCode(), name + " of " + id);
                assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
                BufferedImage image = Pngs.decode(png.body());
                assertEquals(List.of(28, 28), List.of(image.getWidth(), image.getHeight()), name + " of " + id);
                images.put(name, image);
            }
            if (id.startsWith(PATCH_ID)) { // the shared service also scores other tests' image tiles
                assertShowsPatch(Workload.MNIST.patch(index(id)), images.get("patch"));
            }
        }
    }

    @Test
    void theMetricsScrapeShowsTheFeedConnected(LiveService service) {
        String metrics = new String(service.api().get("/prometheus").body());
        assertTrue(metrics.contains("anogan_feed_connected 1.0"), metrics);
        assertTrue(metrics.contains("anogan_feed_unreadable_records_total 0.0"), metrics);
    }

    @Test
    void aLimitOutOfRangeIsRefused(LiveService service) {
        assertEquals(400, service.api().get("/api/scores?limit=0").statusCode());
        assertEquals(400, service.api().get("/api/alerts?limit=-1").statusCode());
    }

    @Test
    void anAlertNoLongerHeldOrAnUnknownPictureIs404(LiveService service) {
        assertEquals(404, service.api().get("/api/alerts/no-such-patch/map.png").statusCode());
        String id = service.api().getJson("/api/alerts?limit=1").get(0).get("patchId").asText();
        assertEquals(404, service.api().get("/api/alerts/" + id + "/histogram.png").statusCode());
    }

    /** The patch is drawn over the model's input range, so its gray levels are the scanner's uint8 pixels. */
    private static void assertShowsPatch(Patch patch, BufferedImage image) {
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int expected = patch.pixels().get(y * 28 + x) & 0xFF;
                int shown = image.getRaster().getSample(x, y, 0);
                assertTrue(Math.abs(expected - shown) <= 1, "pixel (" + x + ", " + y + "): " + shown + " for "
                        + expected);
            }
        }
    }

    private static int index(String patchId) {
        return Integer.parseInt(patchId.substring(PATCH_ID.length()));
    }
}
