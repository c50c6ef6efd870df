package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.testing.Workload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole images published with the publisher reach the images API as the verdicts topic's consumers read them: the
 * verdicts with their counts and anomalous patches, and their pictures — the image as the model saw it, the map,
 * and the overlay with the anomalous patch outlined.
 */
@ExtendWith(SharedLiveService.class)
class ImagesApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path folder;

    private static ImageScans scans;
    private static JsonNode normal;
    private static JsonNode defect;

    @BeforeAll
    static void publish(LiveService service) throws Exception {
        scans = ImageScans.write(folder, "api", service.scorer());
        scans.publish(service);
        normal = awaitVerdict(service, "normal-api.png@");
        defect = awaitVerdict(service, "defect-api.png@");
    }

    @Test
    void aVerdictSaysEveryPatchWasScoredAndNoneIsAnomalous(LiveService service) {
        assertEquals("COMPLETE", normal.get("status").asText());
        assertEquals(List.of(4, 4, 0, 0), counts(normal));
        assertFalse(normal.get("anomalous").booleanValue());
        assertEquals(0, normal.get("anomalousPatches").size());
        assertEquals("max-patch-score", normal.get("aggregation").asText());
        assertFalse(normal.get("imageCalibrated").booleanValue());
        assertEquals(service.scorer().calibration().threshold(), normal.get("threshold").doubleValue());
        assertEquals(List.of("overlay", "image", "map"), List.copyOf(fieldNames(normal.get("images"))));
    }

    @Test
    void theDefectIsTheAnomalousPatchAndItsScoreIsTheImageScore(LiveService service) throws Exception {
        assertEquals(List.of(4, 4, 0, 0), counts(defect));
        assertTrue(defect.get("anomalous").booleanValue());
        JsonNode patches = defect.get("anomalousPatches");
        assertEquals(1, patches.size(), patches.toString());
        JsonNode bag = patches.get(0);
        assertEquals(List.of(28, 28, 28, 28), List.of(bag.get("x").intValue(), bag.get("y").intValue(),
                bag.get("width").intValue(), bag.get("height").intValue()));
        PatchVerdict expected = service.scorer().score(List.of(Workload.MNIST.patch(scans.bag())), false).get(0);
        assertEquals(expected.score(), bag.get("score").floatValue(), 1e-4 * expected.score());
        assertEquals(bag.get("score").floatValue(), defect.get("score").doubleValue(), 1e-6);
    }

    @Test
    void theImageIsThePublishedPngAsTheModelSawIt(LiveService service) throws IOException {
        BufferedImage published = ImageIO.read(scans.defect().toFile());
        BufferedImage served = png(service, defect, "image");
        assertEquals(List.of(56, 56), List.of(served.getWidth(), served.getHeight()));
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                int expected = published.getRaster().getSample(x, y, 0);
                int got = served.getRaster().getSample(x, y, 0);
                assertTrue(Math.abs(expected - got) <= 1, "pixel " + x + "," + y + ": " + got + " for " + expected);
            }
        }
        assertEquals(List.of(56, 56), List.of(png(service, defect, "map").getWidth(),
                png(service, defect, "map").getHeight()));
    }

    @Test
    void theOverlayOutlinesTheAnomalousPatchAndNothingInANormalImage(LiveService service) throws IOException {
        BufferedImage overlay = png(service, defect, "overlay");
        for (int i = 28; i < 56; i++) {
            for (int[] border : new int[][] {{i, 28}, {i, 55}, {28, i}, {55, i}}) {
                assertEquals(HeatMapOverlay.OUTLINE, overlay.getRGB(border[0], border[1]) & 0xFFFFFF,
                        "outline at " + border[0] + "," + border[1]);
            }
        }
        assertEquals(4 * 27, outlinePixels(overlay), "only the bag's border is outlined");
        assertEquals(0, outlinePixels(png(service, normal, "overlay")));
    }

    @Test
    void theNewestComeFirstAndUnknownImagesAndPicturesAre404(LiveService service) {
        JsonNode newest = service.api().getJson("/api/images?limit=1");
        assertEquals(1, newest.size());
        Instant first = Instant.parse(newest.get(0).get("decidedAt").asText());
        for (JsonNode v : service.api().getJson("/api/images")) {
            assertFalse(Instant.parse(v.get("decidedAt").asText()).isAfter(first), v.toString());
        }
        assertEquals(404, service.api().get("/api/images/no-such-image/overlay.png").statusCode());
        String pictures = defect.get("images").get("overlay").asText().replace("overlay.png", "thumbnail.png");
        assertEquals(404, service.api().get(pictures).statusCode());
    }

    private static JsonNode awaitVerdict(LiveService service, String idPrefix) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode v : service.api().getJson("/api/images?limit=100")) {
                if (v.get("imageId").asText().startsWith(idPrefix)) {
                    return v;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no verdict on " + idPrefix + " within " + TIMEOUT);
    }

    private static List<Integer> counts(JsonNode v) {
        return List.of(v.get("patchesExpected").intValue(), v.get("patchesScored").intValue(),
                v.get("patchesDeadLettered").intValue(), v.get("patchesMissing").intValue());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static BufferedImage png(LiveService service, JsonNode verdict, String picture) throws IOException {
        byte[] body = service.api().getOk(verdict.get("images").get(picture).asText());
        return ImageIO.read(new ByteArrayInputStream(body));
    }

    private static int outlinePixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == HeatMapOverlay.OUTLINE ? 1 : 0;
            }
        }
        return n;
    }
}
