package dev.anogan.stream.testing;

import dev.anogan.stream.embedded.IdxDataset;
import dev.anogan.stream.scoring.Patch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The Fashion-MNIST test set from Debian's dataset-fashion-mnist package (IDX files). */
public final class FashionMnist {

    public static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private final IdxDataset data;

    private FashionMnist(IdxDataset data) {
        this.data = data;
    }

    public static FashionMnist test() {
        try {
            return new FashionMnist(IdxDataset.read(DIR.resolve("t10k-images-idx3-ubyte.gz"),
                    DIR.resolve("t10k-labels-idx1-ubyte.gz")));
        } catch (IOException e) {
            throw new UncheckedIOException("Fashion-MNIST test set (install Debian's dataset-fashion-mnist)", e);
        }
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
