package dev.anogan.stream.publish;

import dev.anogan.stream.avro.ImageGeometry;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PixelEncoding;
import dev.anogan.stream.scoring.Patch;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Cuts a whole image into {@code ImagePatch} records that carry the image's geometry. */
public final class ImageTiler {

    private final Tiling tiling;
    private final String sourceId;

    public ImageTiler(Tiling tiling, String sourceId) {
        this.tiling = tiling;
        this.sourceId = sourceId;
    }

    /**
     * The tiles of {@code image}, row by row; patch ids are {@code <imageId>/<x>,<y>}.
     *
     * @param metadata passed on in every tile
     * @throws IllegalArgumentException when the image is smaller than a patch
     */
    List<ImagePatch> tiles(String imageId, Patch image, Instant captureTime, Map<String, String> metadata) {
        List<Integer> xs = tiling.offsets(image.width());
        List<Integer> ys = tiling.offsets(image.height());
        ImageGeometry geometry = new ImageGeometry(image.width(), image.height(), xs.size() * ys.size());
        int pixelBytes = image.channels() * image.encoding().bytesPerValue();
        List<ImagePatch> tiles = new ArrayList<>(xs.size() * ys.size());
        for (int y : ys) {
            for (int x : xs) {
                tiles.add(ImagePatch.newBuilder()
                        .setPatchId(imageId + "/" + x + "," + y).setSourceId(sourceId).setImageId(imageId)
                        .setX(x).setY(y).setCaptureTime(captureTime)
                        .setWidth(tiling.size()).setHeight(tiling.size()).setChannels(image.channels())
                        .setEncoding(PixelEncoding.valueOf(image.encoding().name()))
                        .setPixels(crop(image, x, y, pixelBytes)).setModel(null).setMetadata(metadata)
                        .setGeometry(geometry)
                        .build());
            }
        }
        return tiles;
    }

    private ByteBuffer crop(Patch image, int x, int y, int pixelBytes) {
        int rowBytes = tiling.size() * pixelBytes;
        byte[] out = new byte[rowBytes * tiling.size()];
        ByteBuffer source = image.pixels().duplicate();
        for (int row = 0; row < tiling.size(); row++) {
            source.position(((y + row) * image.width() + x) * pixelBytes);
            source.get(out, row * rowBytes, rowBytes);
        }
        return ByteBuffer.wrap(out);
    }
}
