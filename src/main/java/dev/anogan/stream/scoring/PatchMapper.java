package dev.anogan.stream.scoring;

import dev.anogan.stream.model.InputSpec;
import dev.anogan.stream.scoring.InvalidPatchException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Turns raw patches into model input exactly as the manifest says: {@code raw / encodingMax × scale +
 * offset}, channels first, padded with the pad value to the model's size.
 */
public final class PatchMapper {

    private final InputSpec spec;

    public PatchMapper(InputSpec spec) {
        this.spec = spec;
    }

    public InputSpec spec() {
        return spec;
    }

    /**
     * Checks that a patch fits the model.
     *
     * @throws InvalidPatchException naming what does not match
     */
    public void validate(Patch patch) {
        if (patch.width() != spec.width() || patch.height() != spec.height()) {
            throw new InvalidPatchException(Reason.SIZE_MISMATCH, "patch is " + patch.width() + "x" + patch.height()
                    + " but the model takes " + spec.width() + "x" + spec.height());
        }
        if (patch.channels() != spec.channels()) {
            throw new InvalidPatchException(Reason.CHANNEL_MISMATCH, "patch has " + patch.channels()
                    + " channels but the model takes " + spec.channels());
        }
        long expected = (long) patch.width() * patch.height() * patch.channels() * patch.encoding().bytesPerValue();
        if (patch.pixels().remaining() != expected) {
            throw new InvalidPatchException(Reason.BYTE_COUNT_MISMATCH, "patch has " + patch.pixels().remaining()
                    + " pixel bytes but " + patch.width() + "x" + patch.height() + "x" + patch.channels() + " "
                    + patch.encoding().manifestName() + " needs " + expected);
        }
        if (patch.encoding() == PixelFormat.FLOAT32) {
            double maxFloat = spec.encodingMax().get(PixelFormat.FLOAT32.manifestName());
            FloatBuffer values = littleEndian(patch.pixels()).asFloatBuffer();
            for (int i = 0; i < values.limit(); i++) {
                float v = values.get(i);
                if (!Float.isFinite(v)) {
                    throw new InvalidPatchException(Reason.NON_FINITE_PIXEL, "float32 pixel " + i + " is " + v);
                }
                if (v < 0 || v > maxFloat) {
                    throw new InvalidPatchException(Reason.PIXEL_OUT_OF_RANGE, "float32 pixel " + i + " is " + v
                            + ", outside [0, " + maxFloat + "]");
                }
            }
        }
    }

    /**
     * Validates a patch and writes its model input ({@link InputSpec#modelValues()} floats) into
     * {@code out} starting at {@code offset}.
     */
    public void write(Patch patch, FloatBuffer out, int offset) {
        validate(patch);
        int ch = spec.channels();
        int mh = spec.modelHeight();
        int mw = spec.modelWidth();
        for (int i = 0; i < spec.modelValues(); i++) {
            out.put(offset + i, spec.padValue());
        }
        float scale = (float) (spec.scale() / spec.encodingMax().get(patch.encoding().manifestName()));
        float shift = (float) spec.offset();
        ByteBuffer px = littleEndian(patch.pixels());
        int w = patch.width();
        for (int y = 0; y < patch.height(); y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    int src = (y * w + x) * ch + c;
                    int dst = offset + (c * mh + y + spec.padTop()) * mw + x + spec.padLeft();
                    out.put(dst, raw(px, patch.encoding(), src) * scale + shift);
                }
            }
        }
    }

    private static float raw(ByteBuffer px, PixelFormat encoding, int index) {
        return switch (encoding) {
            case UINT8 -> px.get(index) & 0xFF;
            case UINT16 -> px.getShort(index * 2) & 0xFFFF;
            case FLOAT32 -> px.getFloat(index * 4);
        };
    }

    private static ByteBuffer littleEndian(ByteBuffer pixels) {
        return pixels.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The patch as the model sees it, over its own region ([C, H, W] floats in the model's range). */
    public float[] modelView(Patch patch) {
        FloatBuffer image = FloatBuffer.allocate(spec.modelValues());
        write(patch, image, 0);
        return crop(image.array(), 1);
    }

    /** Cuts patch {@code index}'s own region out of a model-sized image batch in a (direct) buffer, [C, H, W]. */
    public float[] crop(FloatBuffer modelImages, int index) {
        int ch = spec.channels();
        int h = spec.height();
        int w = spec.width();
        float[] out = new float[ch * h * w];
        FloatBuffer images = modelImages.duplicate();
        for (int c = 0; c < ch; c++) {
            for (int y = 0; y < h; y++) {
                int src = ((index * ch + c) * spec.modelHeight() + y + spec.padTop()) * spec.modelWidth() + spec.padLeft();
                images.get(src, out, (c * h + y) * w, w);
            }
        }
        return out;
    }

    /** Cuts the patch's own region out of a model-sized image batch ([N, C, modelH, modelW] → [N, C, H, W]). */
    public float[] crop(float[] modelImages, int n) {
        int ch = spec.channels();
        int h = spec.height();
        int w = spec.width();
        float[] out = new float[n * ch * h * w];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                for (int y = 0; y < h; y++) {
                    int src = ((i * ch + c) * spec.modelHeight() + y + spec.padTop()) * spec.modelWidth() + spec.padLeft();
                    System.arraycopy(modelImages, src, out, ((i * ch + c) * h + y) * w, w);
                }
            }
        }
        return out;
    }
}
