package dev.anogan.stream.web;

import dev.anogan.stream.avro.AnomalousPatch;
import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.model.InputSpec;
import java.awt.image.BufferedImage;

/**
 * An image verdict's overlay, at its map scale: the image as the model saw it (gray or RGB over the model's input
 * range; black where no scored patch covers it, or all black when the verdict carries no image), the stitched map
 * over it as a heat map — from transparent at 0 to {@link #MAX_OPACITY} opaque at the map's own maximum, colours
 * from dark purple to pale yellow — and each anomalous patch outlined in {@link #OUTLINE}.
 */
final class HeatMapOverlay {

    /** The outline colour (RGB): cyan, which neither the heat colours nor a gray image blended with them reach. */
    static final int OUTLINE = 0x00E5FF;
    static final float MAX_OPACITY = 0.7f;
    /** Heat colours at 0, 1/4, 1/2, 3/4 and 1 of the map's maximum (after matplotlib's inferno). */
    private static final int[][] HEAT = {{0, 0, 4}, {87, 16, 110}, {188, 55, 84}, {249, 142, 9}, {252, 255, 164}};

    private HeatMapOverlay() {
    }

    /** The overlay of a verdict that has a map. */
    static byte[] png(ImageVerdict verdict, InputSpec input) {
        FloatPixels map = FloatPixels.of(verdict.getAnomalyMap());
        FloatPixels image = verdict.getImage() == null ? null : FloatPixels.of(verdict.getImage());
        if (image != null && (image.width() != map.width() || image.height() != map.height())) {
            image = null;
        }
        float hottest = map.max();
        float low = (float) input.offset();
        float span = (float) input.scale();
        BufferedImage out = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                int[] base = image == null ? new int[3] : base(image, x, y, low, span);
                float value = map.value(x, y, 0);
                float t = Float.isNaN(value) || hottest <= 0 ? 0 : Math.max(0, Math.min(1, value / hottest));
                out.setRGB(x, y, blend(base, heat(t), MAX_OPACITY * t));
            }
        }
        for (AnomalousPatch patch : verdict.getAnomalousPatches()) {
            outline(out, patch, verdict.getMapScale());
        }
        return PngRenderer.encode(out);
    }

    /** The image's pixel as RGB levels: its three channels, or its first as gray. */
    private static int[] base(FloatPixels image, int x, int y, float low, float span) {
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
            rgb[c] = PngRenderer.level(image.value(x, y, image.channels() == 3 ? c : 0), low, span);
        }
        return rgb;
    }

    /** The heat colour at {@code t} in [0, 1], interpolated between the stops. */
    static int[] heat(float t) {
        float at = t * (HEAT.length - 1);
        int i = Math.min(HEAT.length - 2, (int) at);
        float f = at - i;
        int[] rgb = new int[3];
        for (int c = 0; c < 3; c++) {
            rgb[c] = Math.round(HEAT[i][c] + f * (HEAT[i + 1][c] - HEAT[i][c]));
        }
        return rgb;
    }

    private static int blend(int[] base, int[] heat, float opacity) {
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            rgb = rgb << 8 | Math.round(base[c] * (1 - opacity) + heat[c] * opacity);
        }
        return rgb;
    }

    /** The patch's border, in map pixels. */
    private static void outline(BufferedImage out, AnomalousPatch p, int scale) {
        int left = Math.min(out.getWidth() - 1, p.getX() / scale);
        int top = Math.min(out.getHeight() - 1, p.getY() / scale);
        int right = Math.min(out.getWidth() - 1, (p.getX() + p.getWidth() - 1) / scale);
        int bottom = Math.min(out.getHeight() - 1, (p.getY() + p.getHeight() - 1) / scale);
        for (int x = left; x <= right; x++) {
            out.setRGB(x, top, OUTLINE);
            out.setRGB(x, bottom, OUTLINE);
        }
        for (int y = top; y <= bottom; y++) {
            out.setRGB(left, y, OUTLINE);
            out.setRGB(right, y, OUTLINE);
        }
    }
}
