package dev.anogan.stream.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PixelFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The golden vectors the trainer wrote beside a bundle (PyTorch autograd references). */
public final class Golden {

    private final Path root;
    private final JsonNode index;

    private Golden(Path root, JsonNode index) {
        this.root = root;
        this.index = index;
    }

    public static Golden ofDefaultBundle() {
        return of(DefaultBundle.folder());
    }

    /** The golden vectors beside the bundle in {@code root}. */
    public static Golden of(Path root) {
        try {
            return new Golden(root, new ObjectMapper().readTree(root.resolve("golden/golden.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode index() {
        return index;
    }

    public JsonNode testCase(String name) {
        for (JsonNode c : index.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no golden case " + name);
    }

    public byte[] bytes(JsonNode spec) {
        try {
            return Files.readAllBytes(root.resolve(spec.get("file").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public float[] floats(JsonNode spec) {
        ByteBuffer b = ByteBuffer.wrap(bytes(spec)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / Float.BYTES];
        b.asFloatBuffer().get(out);
        return out;
    }

    public static long[] shape(JsonNode spec) {
        long[] shape = new long[spec.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = spec.get("shape").get(i).asLong();
        }
        return shape;
    }

    /** Index of the worst element relative to {@code atol + rtol·|expected|}; ratio ≤ 1 passes. */
    public static double worstRatio(float[] actual, float[] expected, double rtol, double atol) {
        if (actual.length != expected.length) {
            throw new AssertionError("length " + actual.length + " != expected " + expected.length);
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (atol + rtol * Math.abs(expected[i])));
        }
        return worst;
    }

    /** The raw uint8 patches the references were computed on, as the wire carries them (channels interleaved). */
    public List<Patch> rawPatches() {
        JsonNode raw = index.get("raw");
        long[] shape = shape(raw);
        byte[] bytes = bytes(raw);
        int channels = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        int perPatch = channels * h * w;
        List<Patch> patches = new ArrayList<>();
        for (int i = 0; i < shape[0]; i++) {
            // the golden raw array is channels-first
            byte[] hwc = new byte[perPatch];
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < h * w; p++) {
                    hwc[p * channels + c] = bytes[i * perPatch + c * h * w + p];
                }
            }
            patches.add(new Patch(w, h, channels, PixelFormat.UINT8, ByteBuffer.wrap(hwc)));
        }
        return patches;
    }
}
