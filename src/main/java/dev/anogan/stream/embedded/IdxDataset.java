package dev.anogan.stream.embedded;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Labelled grayscale images from a pair of IDX files (the MNIST family's format: big-endian header, one unsigned
 * byte per pixel), plain or gzipped.
 */
public final class IdxDataset {

    private static final int IMAGES_MAGIC = 0x803;
    private static final int LABELS_MAGIC = 0x801;

    private final byte[][] images;
    private final int[] labels;
    private final int rows;
    private final int columns;

    private IdxDataset(byte[][] images, int[] labels, int rows, int columns) {
        this.images = images;
        this.labels = labels;
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * Reads the images and their labels.
     *
     * @throws IOException when a file cannot be read, is not IDX of the right kind, or the counts differ
     */
    public static IdxDataset read(Path imagesFile, Path labelsFile) throws IOException {
        try (DataInputStream img = open(imagesFile); DataInputStream lab = open(labelsFile)) {
            expectMagic(img, IMAGES_MAGIC, imagesFile, "images");
            expectMagic(lab, LABELS_MAGIC, labelsFile, "labels");
            int n = img.readInt();
            int rows = img.readInt();
            int columns = img.readInt();
            int labelCount = lab.readInt();
            if (labelCount != n) {
                throw new IOException(imagesFile + " has " + n + " images but " + labelsFile + " has " + labelCount
                        + " labels");
            }
            byte[][] images = new byte[n][rows * columns];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                img.readFully(images[i]);
                labels[i] = lab.readUnsignedByte();
            }
            return new IdxDataset(images, labels, rows, columns);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        return new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in);
    }

    private static void expectMagic(DataInputStream in, int magic, Path file, String kind) throws IOException {
        int found = in.readInt();
        if (found != magic) {
            throw new IOException(file + " is not an IDX file of " + kind + " (magic 0x" + Integer.toHexString(found)
                    + ", expected 0x" + Integer.toHexString(magic) + ")");
        }
    }

    public int size() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int label(int i) {
        return labels[i];
    }

    /** The pixels of image {@code i}, row-major, one byte each; a copy. */
    public byte[] pixels(int i) {
        return images[i].clone();
    }
}
