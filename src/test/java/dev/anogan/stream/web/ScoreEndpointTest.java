package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.testing.Api;
import dev.anogan.stream.testing.FashionMnist;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** POST /api/score scores one patch without Kafka, exactly as the scorer does, and says what is wrong with bad ones. */
class ScoreEndpointTest extends ServerPerClassFixture {

    private static final FashionMnist MNIST = FashionMnist.test();
    /** A trouser (the bundle's normal class) and an ankle boot. */
    private static final Patch NORMAL = MNIST.patch(firstOfClass(1));
    private static final Patch ANOMALOUS = MNIST.patch(firstOfClass(9));

    @Test
    void pngsOfANormalAndAnAnomalousPatchScoreAsTheScorerDoes() throws Exception {
        Scorer scorer = server.getApplicationContext().getBean(Scorer.class);
        for (Patch patch : List.of(NORMAL, ANOMALOUS)) {
            JsonNode answer = Api.ok(api.post("/api/score", "image/png", Pngs.gray(patch)));
            PatchVerdict expected = scorer.score(List.of(patch), false).get(0);
            assertEquals(expected.score(), answer.get("score").floatValue(), 1e-5 * expected.score());
            assertEquals(expected.anomalous(), answer.get("anomalous").booleanValue());
            assertEquals(expected.threshold(), answer.get("threshold").doubleValue());
            assertEquals(expected.percentile(), answer.get("percentile").doubleValue(), 1e-6);
            assertEquals(scorer.method().name(), answer.get("method").asText());
            assertEquals(expected.parts().keySet(), fieldNames(answer.get("parts")));
            assertTrue(answer.get("latency").get("totalMillis").doubleValue() > 0, answer.toString());
        }
    }

    @Test
    void theTrouserIsNormalAndTheAnkleBootAnomalous() {
        assertFalse(Api.ok(api.post("/api/score", "image/png", Pngs.gray(NORMAL))).get("anomalous").booleanValue());
        assertTrue(Api.ok(api.post("/api/score", "image/png", Pngs.gray(ANOMALOUS))).get("anomalous").booleanValue());
    }

    @Test
    void rawPixelsScoreAsTheirPng() {
        byte[] pixels = new byte[NORMAL.pixels().remaining()];
        NORMAL.pixels().duplicate().get(pixels);
        JsonNode raw = Api.ok(api.post("/api/score?width=28&height=28&channels=1&encoding=uint8",
                "application/octet-stream", pixels));
        JsonNode png = Api.ok(api.post("/api/score", "image/png", Pngs.gray(NORMAL)));
        assertEquals(png.get("score").floatValue(), raw.get("score").floatValue());
    }

    @Test
    void imagesComeBackAsPngDataUrisOfThePatchSize() {
        JsonNode answer = Api.ok(api.post("/api/score?images=true", "image/png", Pngs.gray(ANOMALOUS)));
        for (String name : List.of("patch", "reconstruction", "map")) {
            BufferedImage image = Pngs.decodeDataUri(answer.get("images").get(name).asText());
            assertEquals(28, image.getWidth(), name);
            assertEquals(28, image.getHeight(), name);
        }
    }

    @Test
    void aPngOfTheWrongSizeIsRefusedNamingBothSizes() {
        assertRefused(api.post("/api/score", "image/png", Pngs.blank(32, 32, BufferedImage.TYPE_BYTE_GRAY)),
                "32x32", "28x28");
    }

    @Test
    void anRgbPngForAGrayModelIsRefusedNamingTheChannels() {
        assertRefused(api.post("/api/score", "image/png", Pngs.blank(28, 28, BufferedImage.TYPE_INT_RGB)),
                "3 channels", "takes 1");
    }

    @Test
    void aBodyThatIsNoPngIsRefused() {
        assertRefused(api.post("/api/score", "image/png", "GIF89a...".getBytes()), "not a PNG");
    }

    @Test
    void rawPixelsOfTheWrongCountAreRefusedNamingTheCounts() {
        assertRefused(api.post("/api/score", "application/octet-stream", new byte[100]), "100 pixel bytes", "784");
    }

    @Test
    void anUnknownEncodingIsRefusedListingTheKnownOnes() {
        assertRefused(api.post("/api/score?encoding=int4", "application/octet-stream", new byte[784]),
                "int4", "uint8, uint16, float32");
    }

    private static void assertRefused(HttpResponse<byte[]> response, String... phrases) {
        String body = new String(response.body());
        assertEquals(400, response.statusCode(), body);
        String message = Api.json(response).get("message").asText();
        for (String phrase : phrases) {
            assertTrue(message.contains(phrase), "'" + phrase + "' not in: " + message);
        }
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int firstOfClass(int label) {
        return IntStream.range(0, MNIST.size()).filter(i -> MNIST.label(i) == label).findFirst().orElseThrow();
    }
}
