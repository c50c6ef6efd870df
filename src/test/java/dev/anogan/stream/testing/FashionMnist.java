package dev.anogan.stream.testing;

import dev.anogan.stream.scoring.Patch;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The Fashion-MNIST test set from Debian's dataset-fashion-mnist package (IDX files). */
public final class FashionMnist {

    public static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private final byte[][] images;
    private final int[] labels;

    private FashionMnist(byte[][] images, int[] labels) {
        this.images = images;
        this.labels = labels;
    }

    public static FashionMnist test() {
        try (DataInputStream img = open("t10k-images-idx3-ubyte.gz"); DataInputStream lab = open("t10k-labels-idx1-ubyte.gz")) {
            if (img.readInt() != 0x803 || lab.readInt() != 0x801) {
                throw new IOException("not Fashion-MNIST IDX files in " + DIR);
            }
            int n = img.readInt();
            int rows = img.readInt();
            int cols = img.readInt();
            lab.readInt();
            byte[][] images = new byte[n][rows * cols];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                img.readFully(images[i]);
                labels[i] = lab.readUnsignedByte();
            }
            return new FashionMnist(images, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("Fashion-MNIST test set (install Debian's dataset-fashion-mnist)", e);
        }
    }

    private static DataInputStream open(String name) throws IOException {
        InputStream in = Files.newInputStream(DIR.resolve(name));
        return new DataInputStream(new GZIPInputStream(in));
    }

    public int size() {
        return labels.length;
    }

    public int label(int i) {
        return labels[i];
    }

    public Patch patch(int i) {
        return Patch.ofBytes(28, 28, 1, images[i]);
    }
}
