package dev.anogan.stream.testing;

import dev.anogan.stream.scoring.Patch;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** Whole images for the tests: Fashion-MNIST test patches laid out in a grid, written as 8-bit gray PNGs. */
public final class Mosaics {

    /** Side of a Fashion-MNIST patch, and of each cell of the grid. */
    public static final int SIDE = 28;

    private Mosaics() {
    }

    /** Writes test patches {@code indices}, {@code columns} a row, row by row, as one PNG. */
    public static Path write(Path file, int columns, List<Integer> indices) {
        int rows = (indices.size() + columns - 1) / columns;
        return PngFiles.write(file, columns * SIDE, rows * SIDE, BufferedImage.TYPE_BYTE_GRAY, (x, y) -> {
            int cell = (y / SIDE) * columns + x / SIDE;
            return cell < indices.size() ? pixel(Workload.MNIST.patch(indices.get(cell)), x % SIDE, y % SIDE) : 0;
        });
    }

    private static int pixel(Patch patch, int x, int y) {
        return patch.pixels().get(y * patch.width() + x) & 0xFF;
    }
}
