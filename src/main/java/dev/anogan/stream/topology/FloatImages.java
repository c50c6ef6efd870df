package dev.anogan.stream.topology;

import dev.anogan.stream.avro.FloatImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Scorer images ([C, H, W] floats) as topic images (little-endian float32, row-major, channels interleaved). */
final class FloatImages {

    private FloatImages() {
    }

    static FloatImage of(float[] chw, int channels, int height, int width) {
        if (chw.length != channels * height * width) {
            throw new IllegalArgumentException("image has " + chw.length + " values, expected " + channels + "x"
                    + height + "x" + width);
        }
        ByteBuffer values = ByteBuffer.allocate(chw.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < channels; c++) {
                    values.putFloat(chw[(c * height + y) * width + x]);
                }
            }
        }
        return FloatImage.newBuilder().setWidth(width).setHeight(height).setChannels(channels)
                .setValues(values.flip()).build();
    }
}
