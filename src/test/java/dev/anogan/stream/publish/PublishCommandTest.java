package dev.anogan.stream.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PixelEncoding;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.registry.InMemorySchemaRegistry;
import dev.anogan.stream.registry.TestRegistries;
import dev.anogan.stream.testing.CommittedRecords;
import dev.anogan.stream.testing.PngFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish} against the in-process broker and the in-memory registry over HTTP: a folder of PNGs (8-bit and
 * 16-bit gray) tiled with the committed bundle's 28-pixel patches at a stride, published with their geometry and
 * the very pixels of the files; an image the model cannot take is refused with the reason, the others go on.
 */
class PublishCommandTest {

    @TempDir
    Path folder;

    @Test
    void aFolderOfPngsIsTiledAndPublishedWithItsGeometryAndARefusedImageIsReported() throws Exception {
        PngFiles.write(folder.resolve("a.png"), 70, 56, BufferedImage.TYPE_BYTE_GRAY, (x, y) -> (x * 3 + y) % 256);
        PngFiles.write(folder.resolve("b.png"), 60, 28, BufferedImage.TYPE_USHORT_GRAY, (x, y) -> x * 1000 + y);
        PngFiles.write(folder.resolve("c.png"), 28, 28, BufferedImage.TYPE_3BYTE_BGR, (x, y) -> x);
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             InMemorySchemaRegistry registry = TestRegistries.startInMemory()) {
            kafka.createTopics(2, "scans");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = PublishCommand.run(new String[] {"--bootstrap-servers", kafka.bootstrapServers(),
                    "--registry-url", registry.url(), "--topic", "scans", "--stride", "14", "--source-id", "line-3",
                    folder.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);

            assertEquals(1, status, printed + err);
            assertTrue(printed.contains("Published 2 images (16 patches)"), printed);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                    "c.png: the PNG (8-bit RGB) has 3 channels but the model takes 1"), err.toString());
            // a.png 70x56: x at 0, 14, 28, 42 and y at 0, 14, 28: 12 tiles; b.png 60x28: x at 0, 14, 28, 32: 4
            List<ImagePatch> patches = CommittedRecords.read(kafka.bootstrapServers(), "scans",
                    TestRegistries.clientOf(registry), ImagePatch.class, read -> read.size() >= 16,
                    Duration.ofSeconds(60));
            assertEquals(16, patches.size());
            Map<String, List<ImagePatch>> byImage = patches.stream()
                    .collect(Collectors.groupingBy(ImagePatch::getImageId));
            assertEquals(2, byImage.size());
            for (List<ImagePatch> tiles : byImage.values()) {
                ImagePatch first = tiles.get(0);
                assertEquals(tiles.size(), first.getGeometry().getPatchCount());
                assertEquals(tiles.size(), tiles.stream().map(ImagePatch::getPatchId).distinct().count());
                tiles.forEach(tile -> {
                    assertEquals(first.getGeometry(), tile.getGeometry());
                    assertEquals("line-3", tile.getSourceId());
                    assertEquals(28, tile.getWidth());
                });
            }
            ImagePatch gray8 = tile(patches, "a.png", 42, 28);
            assertEquals(70, gray8.getGeometry().getImageWidth());
            assertEquals(56, gray8.getGeometry().getImageHeight());
            assertEquals(PixelEncoding.UINT8, gray8.getEncoding());
            assertEquals(((42 + 5) * 3 + 28 + 7) % 256, gray8.getPixels().get(7 * 28 + 5) & 0xFF);
            ImagePatch gray16 = tile(patches, "b.png", 32, 0);
            assertEquals(PixelEncoding.UINT16, gray16.getEncoding());
            ByteBuffer wide = gray16.getPixels().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            assertEquals((32 + 27) * 1000 + 3, wide.getShort((3 * 28 + 27) * 2) & 0xFFFF);
        }
    }

    private static ImagePatch tile(List<ImagePatch> patches, String file, int x, int y) {
        return patches.stream().filter(p -> p.getImageId().startsWith(file + "@") && p.getX() == x && p.getY() == y)
                .findFirst().orElseThrow(() -> new AssertionError("no tile of " + file + " at " + x + "," + y));
    }
}
