package dev.anogan.stream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.testing.Api;
import dev.anogan.stream.testing.Mosaics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default's demo scanner with {@code anogan.demo.images-folder}: it publishes the folder's PNGs whole,
 * round and round, and their verdicts reach the images API; a folder without PNGs is refused naming the key.
 */
class DemoImagesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;
    @TempDir
    Path images;

    @Test
    void theFolderSImagesArePublishedAgainAndAgainAndGetVerdicts() throws Exception {
        // 2 x 2 mosaics of Fashion-MNIST test patches, 56 x 56: four tiles each at the bundle's 28-pixel patch size
        Mosaics.write(images.resolve("scan-a.png"), 2, List.of(0, 1, 2, 3));
        Mosaics.write(images.resolve("scan-b.png"), 2, List.of(4, 5, 6, 7));
        Map<String, Object> props = new HashMap<>(EmbeddedDefaultTest.embeddedDefault(dataDir));
        props.put("anogan.demo.rate", 1);
        props.put("anogan.demo.images-folder", images.toString());
        props.put("anogan.demo.image-rate", 4);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            Api api = new Api(server.getURL());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            JsonNode verdicts = api.getJson("/api/images?limit=100");
            while (!(files(verdicts).containsAll(List.of("scan-a.png", "scan-b.png")) && verdicts.size() >= 4)
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
                verdicts = api.getJson("/api/images?limit=100");
            }
            assertTrue(verdicts.size() >= 4, "verdicts within " + TIMEOUT + ": " + verdicts);
            for (JsonNode v : verdicts) {
                assertEquals(List.of(4, 4), List.of(v.get("patchesExpected").intValue(),
                        v.get("patchesScored").intValue()), v.toString());
                assertEquals("demo-scanner", v.get("sourceId").asText());
            }
            assertTrue(server.getApplicationContext().getBean(DemoImageScanner.class).sent() >= 4);
        }
    }

    @Test
    void aFolderWithoutPngsOrNoFolderIsRefusedNamingTheKey() throws Exception {
        Files.writeString(images.resolve("notes.txt"), "no images here");
        IllegalStateException empty = assertThrows(IllegalStateException.class,
                () -> DemoImageScanner.pngsIn(images));
        assertEquals("anogan.demo.images-folder: " + images + " holds no .png file", empty.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> DemoImageScanner.pngsIn(images.resolve("missing")));
        assertTrue(missing.getMessage().startsWith("anogan.demo.images-folder: cannot read "), missing.getMessage());
    }

    private static List<String> files(JsonNode verdicts) {
        List<String> files = new ArrayList<>();
        verdicts.forEach(v -> files.add(v.get("imageId").asText().replaceAll("@.*", "")));
        return files;
    }
}
