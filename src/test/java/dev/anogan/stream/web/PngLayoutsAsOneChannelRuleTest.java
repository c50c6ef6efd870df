package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.png.PngHeader;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.testing.Api;
import dev.anogan.stream.testing.FashionMnist;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one rule for PNG layouts, the trainer's too: gray at 1, 2, 4, 8 or 16 bits is 1 channel at its true depth
 * (scaled to the full range as PNG defines it); alpha is dropped, not composited (gray+alpha → 1 channel, RGBA → 3).
 * Pixel values are checked through the score: a PNG scores exactly as the raw pixels it stands for.
 */
class PngLayoutsAsOneChannelRuleTest extends ServerPerClassFixture {

    private static final int SIZE = 28;
    private static final Patch TROUSER = FashionMnist.test().patch(2);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void lowDepthGrayIsOneChannelWithItsSamplesScaledToTheFullRange(int bitDepth) {
        int max = (1 << bitDepth) - 1;
        int[] samples = new int[SIZE * SIZE];
        byte[] eightBit = new byte[SIZE * SIZE];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (TROUSER.pixels().get(i) & 0xFF) >> (8 - bitDepth);
            eightBit[i] = (byte) (samples[i] * 255 / max);
        }
        JsonNode png = Api.ok(api.post("/api/score?images=true", "image/png",
                Pngs.raw(SIZE, SIZE, bitDepth, PngHeader.GRAY, samples)));
        assertEquals(rawScore(eightBit, 1, "uint8"), png.get("score").doubleValue());

        int white = brightest(samples);
        assertEquals(max, samples[white]);
        BufferedImage shown = Pngs.decodeDataUri(png.get("images").get("patch").asText());
        assertEquals(255, shown.getRaster().getSample(white % SIZE, white / SIZE, 0),
                "a sample at the depth's maximum is white");
    }

    @Test
    void grayPlusAlphaIsOneChannelWithTheAlphaDropped() {
        int[] samples = new int[SIZE * SIZE * 2];
        byte[] gray = new byte[SIZE * SIZE];
        Random random = new Random(7);
        for (int i = 0; i < SIZE * SIZE; i++) {
            gray[i] = TROUSER.pixels().get(i);
            samples[2 * i] = gray[i] & 0xFF;
            samples[2 * i + 1] = random.nextInt(256);
        }
        JsonNode png = Api.ok(api.post("/api/score", "image/png",
                Pngs.raw(SIZE, SIZE, 8, PngHeader.GRAY_ALPHA, samples)));
        assertEquals(rawScore(gray, 1, "uint8"), png.get("score").doubleValue());
    }

    @Test
    void sixteenBitGrayPlusAlphaIsOneUint16Channel() {
        int[] samples = new int[SIZE * SIZE * 2];
        byte[] gray = new byte[SIZE * SIZE * 2];
        for (int i = 0; i < SIZE * SIZE; i++) {
            int value = (TROUSER.pixels().get(i) & 0xFF) * 257;
            samples[2 * i] = value;
            samples[2 * i + 1] = 0;
            gray[2 * i] = (byte) value;
            gray[2 * i + 1] = (byte) (value >> 8);
        }
        JsonNode png = Api.ok(api.post("/api/score", "image/png",
                Pngs.raw(SIZE, SIZE, 16, PngHeader.GRAY_ALPHA, samples)));
        assertEquals(rawScore(gray, 1, "uint16"), png.get("score").doubleValue());
    }

    @Test
    void rgbaIsThreeChannels() {
        HttpResponse<byte[]> response = api.post("/api/score", "image/png",
                Pngs.raw(SIZE, SIZE, 8, PngHeader.RGBA, new int[SIZE * SIZE * 4]));
        assertEquals(400, response.statusCode());
        String message = Api.json(response).get("message").asText();
        assertTrue(message.contains("has 3 channels"), message);
    }

    private static double rawScore(byte[] pixels, int channels, String encoding) {
        return Api.ok(api.post("/api/score?channels=" + channels + "&encoding=" + encoding,
                "application/octet-stream", pixels)).get("score").doubleValue();
    }

    private static int brightest(int[] samples) {
        int best = 0;
        for (int i = 1; i < samples.length; i++) {
            if (samples[i] > samples[best]) {
                best = i;
            }
        }
        return best;
    }
}
