package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.AnomalousPatch;
import dev.anogan.stream.avro.FloatImage;
import dev.anogan.stream.avro.ImageStatus;
import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.model.InputSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The pictures of a verdict at its map scale: the overlay blends the heat of the map over the image, leaves
 * uncovered pixels as the image, outlines the anomalous patches in map pixels; the map is drawn over its own range
 * whatever NaN it holds; a verdict without the image still has its overlay, over black.
 */
class VerdictPicturesTest {

    /** Model input in [-1, 1]. */
    private static final InputSpec INPUT = new InputSpec(1, 4, 4, 4, 4, 2.0, -1.0, Map.of("uint8", 255.0), 0, 0, 0f);
    /** A 4 x 4 image at map scale 2: map pixels (0,0) hottest, (1,0) half, (0,1) uncovered, (1,1) zero. */
    private static final float[] MAP = {0.8f, 0.4f, Float.NaN, 0f};
    /** The image at map scale: -1 (black), 0 (mid gray), 1 (white), 0. */
    private static final float[] IMAGE = {-1f, 0f, 1f, 0f};

    @Test
    void theOverlayBlendsTheHeatOverTheImageAndOutlinesTheAnomalousPatchInMapPixels() throws IOException {
        BufferedImage overlay = render(VerdictPicture.OVERLAY, verdict(true));
        assertEquals(List.of(2, 2), List.of(overlay.getWidth(), overlay.getHeight()));
        // the patch at x=2..3, y=0..1 of the image is map pixel (1, 0)
        assertEquals(HeatMapOverlay.OUTLINE, rgb(overlay, 1, 0));
        // hottest: 70 % of the top heat colour over black
        int[] top = HeatMapOverlay.heat(1f);
        assertEquals(Math.round(top[0] * 0.7f) << 16 | Math.round(top[1] * 0.7f) << 8 | Math.round(top[2] * 0.7f),
                rgb(overlay, 0, 0));
        // uncovered by the map: the image itself (white); zero heat: the image itself (mid gray)
        assertEquals(0xFFFFFF, rgb(overlay, 0, 1));
        assertEquals(0x808080, rgb(overlay, 1, 1));
    }

    @Test
    void theMapIsDrawnOverItsOwnRangeWhateverNaNItHolds() throws IOException {
        BufferedImage map = render(VerdictPicture.MAP, verdict(true));
        assertEquals(255, map.getRaster().getSample(0, 0, 0));
        assertEquals(128, map.getRaster().getSample(1, 0, 0));
        assertEquals(0, map.getRaster().getSample(0, 1, 0));
    }

    @Test
    void aVerdictWithoutTheImageHasItsOverlayOverBlackAndNoImage() throws IOException {
        ImageVerdict verdict = verdict(false);
        assertFalse(VerdictPicture.IMAGE.availableIn(verdict));
        assertEquals(List.of("overlay", "map"), List.copyOf(ImageVerdictView.of(verdict).images().keySet()));
        BufferedImage overlay = render(VerdictPicture.OVERLAY, verdict);
        assertEquals(0x000000, rgb(overlay, 0, 1));
        assertEquals(HeatMapOverlay.OUTLINE, rgb(overlay, 1, 0));
        assertTrue(VerdictPicture.IMAGE.render(verdict, INPUT).isEmpty());
    }

    private static BufferedImage render(VerdictPicture picture, ImageVerdict verdict) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(picture.render(verdict, INPUT).orElseThrow()));
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static ImageVerdict verdict(boolean withImage) {
        Instant now = Instant.now();
        return ImageVerdict.newBuilder()
                .setImageId("img").setSourceId("s").setCaptureTime(now).setModel("m").setMethod("egbad")
                .setImageWidth(4).setImageHeight(4).setStatus(ImageStatus.COMPLETE).setPatchesExpected(4)
                .setPatchesScored(4).setPatchesDeadLettered(0).setPatchesMissing(0).setScore(9.0)
                .setAggregation("max-patch-score").setImageCalibrated(false).setThreshold(5.0).setAnomalous(true)
                .setPatchThreshold(5.0).setAnomalousPatches(List.of(new AnomalousPatch("p", 2, 0, 2, 2, 9f)))
                .setAnomalyMap(image(MAP)).setMapScale(2).setImage(withImage ? image(IMAGE) : null)
                .setOpenedAt(now).setDecidedAt(now)
                .build();
    }

    private static FloatImage image(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return FloatImage.newBuilder().setWidth(2).setHeight(2).setChannels(1).setValues(bytes.flip()).build();
    }
}
