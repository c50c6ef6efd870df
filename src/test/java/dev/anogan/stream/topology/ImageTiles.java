package dev.anogan.stream.topology;

import dev.anogan.stream.avro.ImageGeometry;
import dev.anogan.stream.avro.ImagePatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Images for the tests: Fashion-MNIST patches laid out as the tiles of a {@code columns}-wide grid (28-pixel
 * patches at a 28-pixel stride), each with the image's geometry, as a scanner publishing tiles would send them.
 */
final class ImageTiles {

    static final int SIDE = 28;

    private ImageTiles() {
    }

    /** The tiles of image {@code imageId}: Fashion-MNIST patches {@code indices}, row by row. */
    static List<ImagePatch> image(String imageId, int columns, int... indices) {
        int rows = (indices.length + columns - 1) / columns;
        ImageGeometry geometry = new ImageGeometry(columns * SIDE, rows * SIDE, indices.length);
        List<ImagePatch> tiles = new ArrayList<>();
        for (int i = 0; i < indices.length; i++) {
            ImagePatch patch = StreamingFixture.patch(indices[i]);
            patch.setPatchId(imageId + "/" + i);
            patch.setImageId(imageId);
            patch.setX((i % columns) * SIDE);
            patch.setY((i / columns) * SIDE);
            patch.setGeometry(geometry);
            tiles.add(patch);
        }
        return tiles;
    }
}
