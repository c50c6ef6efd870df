package dev.anogan.stream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.testing.Api;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grass demo ({@code MICRONAUT_ENVIRONMENTS=grass}): the embedded default with the committed grass bundle and the
 * held-out grass images in the jar, published whole; their verdicts are judged by the bundle's image calibration,
 * and the scanner publishes no Fashion-MNIST patch (which that model could not take).
 */
class GrassDemoTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(150);
    private static final int IMAGES = 24;

    @TempDir
    Path dataDir;

    @Test
    void everyGrassImageGetsACalibratedVerdictAndTheDefectsStandOut() throws Exception {
        Map<String, Object> props = new HashMap<>(EmbeddedDefaultTest.embeddedDefault(dataDir));
        props.put("anogan.demo.image-rate", 4);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "grass")) {
            Api api = new Api(server.getURL());
            assertTrue(api.getJson("/api/model").toString().contains("grass"), "the grass bundle is loaded");
            assertFalse(server.getApplicationContext().containsBean(DemoScanner.class), "no Fashion-MNIST patches");

            Map<String, JsonNode> byFile = new HashMap<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (byFile.size() < IMAGES && System.nanoTime() < deadline) {
                Thread.sleep(500);
                for (JsonNode v : api.getJson("/api/images?limit=100")) {
                    byFile.putIfAbsent(v.get("imageId").asText().replaceAll("@.*", ""), v);
                }
            }
            assertEquals(IMAGES, byFile.size(), "a verdict for every demo image within " + TIMEOUT);

            double normal = 0;
            double defect = 0;
            for (Map.Entry<String, JsonNode> e : byFile.entrySet()) {
                JsonNode v = e.getValue();
                assertEquals("COMPLETE", v.get("status").asText(), v.toString());
                assertEquals(9, v.get("patchesScored").intValue(), "64 x 64 at the bundle's stride 16: 3 x 3 tiles");
                assertTrue(v.get("imageCalibrated").booleanValue(), v.toString());
                double ratio = v.get("score").doubleValue() / v.get("threshold").doubleValue();
                if (e.getKey().startsWith("normal-")) {
                    normal += ratio;
                } else {
                    defect += ratio;
                }
            }
            assertTrue(defect > normal, "images with a defect score higher, on average, than defect-free ones: "
                    + defect / (IMAGES / 2.0) + " against " + normal / (IMAGES / 2.0) + " (score / threshold)");
        }
    }
}
