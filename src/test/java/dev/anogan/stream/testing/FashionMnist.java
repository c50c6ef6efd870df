package dev.anogan.stream.testing;

import dev.anogan.stream.embedded.IdxDataset;
import dev.anogan.stream.scoring.Patch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The Fashion-MNIST test or training set from Debian's dataset-fashion-mnist package (IDX files). */
public final class FashionMnist {

    public static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private final IdxDataset data;

    private FashionMnist(IdxDataset data) {
        this.data = data;
    }

    public static FashionMnist test() {
        return read("t10k", "test");
    }

    public static FashionMnist train() {
        return read("train", "training");
    }

    private static FashionMnist read(String prefix, String what) {
        try {
            return new FashionMnist(IdxDataset.read(DIR.resolve(prefix + "-images-idx3-ubyte.gz"),
                    DIR.resolve(prefix + "-labels-idx1-ubyte.gz")));
        } catch (IOException e) {
            throw new UncheckedIOException("Fashion-MNIST " + what + " set (install Debian's dataset-fashion-mnist)", e);
        }
    }

    /** The pixels of patch {@code i} scaled to [0, 1]. */
    public float[] unitPixels(int i) {
        byte[] raw = data.pixels(i);
        float[] out = new float[raw.length];
        for (int j = 0; j < raw.length; j++) {
            out[j] = (raw[j] & 0xFF) / 255f;
        }
        return out;
    }

    public int size() {
        return data.size();
    }

    public int label(int i) {
        return data.label(i);
    }

    public Patch patch(int i) {
        return Patch.ofBytes(data.columns(), data.rows(), 1, data.pixels(i));
    }
}
