package dev.anogan.stream.web;

import dev.anogan.stream.avro.FloatImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A float image to draw, read by position, whatever its memory layout. */
interface FloatPixels {

    int width();

    int height();

    int channels();

    float value(int x, int y, int channel);

    /** A topic image: little-endian float32, row-major, channels interleaved. */
    static FloatPixels of(FloatImage image) {
        ByteBuffer values = image.getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int w = image.getWidth();
        int c = image.getChannels();
        int expected = w * image.getHeight() * c * Float.BYTES;
        if (values.remaining() != expected) {
            throw new IllegalArgumentException("float image has " + values.remaining() + " bytes, expected "
                    + expected + " for " + w + "x" + image.getHeight() + "x" + c);
        }
        int base = values.position();
        return new Layout(w, image.getHeight(), c,
                (x, y, ch) -> values.getFloat(base + ((y * w + x) * c + ch) * Float.BYTES));
    }

    /** A scorer image: [C, H, W] floats. */
    static FloatPixels channelsFirst(float[] values, int channels, int height, int width) {
        return new Layout(width, height, channels, (x, y, ch) -> values[(ch * height + y) * width + x]);
    }

    /** The largest value that is a number (NaN marks pixels without one, such as a map's uncovered pixels). */
    default float max() {
        float max = Float.NEGATIVE_INFINITY;
        for (int y = 0; y < height(); y++) {
            for (int x = 0; x < width(); x++) {
                for (int c = 0; c < channels(); c++) {
                    float v = value(x, y, c);
                    if (!Float.isNaN(v)) {
                        max = Math.max(max, v);
                    }
                }
            }
        }
        return max;
    }

    /** Reads one value. */
    interface Reader {
        float read(int x, int y, int channel);
    }

    /** Dimensions and a reader. */
    record Layout(int width, int height, int channels, Reader reader) implements FloatPixels {
        @Override
        public float value(int x, int y, int channel) {
            return reader.read(x, y, channel);
        }
    }
}
