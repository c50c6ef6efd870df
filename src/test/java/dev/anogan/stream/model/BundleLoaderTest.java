package dev.anogan.stream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anogan.stream.testing.DefaultBundle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the committed bundle from each kind of location, and refusing bundles with one fault each. */
class BundleLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void loadsTheDefaultBundleFromTheClasspathWithEveryMethod() {
        try (ModelBundle bundle = DefaultBundle.load()) {
            Manifest m = bundle.manifest();
            assertEquals(ManifestReader.FORMAT_VERSION, m.formatVersion());
            assertEquals(Set.of("feature-knn", "anogan", "hybrid", "egbad", "egbad-ce"), m.methods().keySet());
            assertEquals(28, m.input().width());
            assertEquals(32, m.input().modelWidth());
            assertEquals(2, m.input().padTop());
            for (MethodSpec method : m.methods().values()) {
                assertTrue(bundle.session(method.graph()) != null);
                assertTrue(method.calibration().threshold() > 0);
            }
        }
    }

    @Test
    void loadsFromADirectoryAndFromAZip() throws IOException {
        Path dir = DefaultBundle.copyTo(tmp.resolve("bundle"));
        Manifest.ModelInfo model;
        try (ModelBundle bundle = DefaultBundle.loader().load(dir.toString())) {
            assertEquals(dir.toString(), bundle.location());
            model = bundle.manifest().model();
        }
        Path zip = tmp.resolve("bundle.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                z.putNextEntry(new ZipEntry(dir.relativize(p).toString()));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
        try (ModelBundle bundle = DefaultBundle.loader().load(zip.toString())) {
            assertEquals(model, bundle.manifest().model());
        }
    }

    @Test
    void refusesAChangedByte() throws IOException {
        Path dir = DefaultBundle.copyTo(tmp.resolve("b"));
        Path graph = dir.resolve("anogan_search.onnx");
        byte[] bytes = Files.readAllBytes(graph);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(graph, bytes);
        assertRefused(dir, graph + ": sha256 [0-9a-f]{64} does not match the manifest's [0-9a-f]{64}");
    }

    @Test
    void refusesAMissingGraph() throws IOException {
        Path dir = DefaultBundle.copyTo(tmp.resolve("b"));
        Files.delete(dir.resolve("egbad.onnx"));
        assertRefused(dir, dir.resolve("egbad.onnx") + ": missing");
    }

    @Test
    void refusesAGraphWhoseShapeDiffersFromTheManifest() throws IOException {
        Path dir = DefaultBundle.copyTo(tmp.resolve("b"));
        ObjectNode manifest = manifest(dir);
        ArrayNode shape = (ArrayNode) manifest.at("/graphs/hybrid_encoder.onnx/inputs/0/shape");
        shape.set(1, 3);
        write(dir, manifest);
        assertRefused(dir, dir.resolve("hybrid_encoder.onnx") + ": inputs \\[x:float32\\[-1, 1, 32, 32\\]\\] differ from "
                + "the manifest's \\[x:float32\\[-1, 3, 32, 32\\]\\]");
    }

    @Test
    void refusesAManifestThatIsNotJson() throws IOException {
        Path dir = DefaultBundle.copyTo(tmp.resolve("b"));
        Files.writeString(dir.resolve("manifest.json"), "{ \"format_version\": 1, ");
        assertRefused(dir, dir.resolve("manifest.json") + ": not valid JSON .*");
    }

    @Test
    void refusesAnUnknownFormatVersion() throws IOException {
        Path dir = DefaultBundle.copyTo(tmp.resolve("b"));
        ObjectNode manifest = manifest(dir);
        manifest.put("format_version", 99);
        write(dir, manifest);
        assertRefused(dir, dir.resolve("manifest.json") + ": format_version 99 is unknown: this service reads 1");
    }

    @Test
    void refusesAManifestWithoutAThresholdNamingTheKey() throws IOException {
        Path dir = DefaultBundle.copyTo(tmp.resolve("b"));
        ObjectNode manifest = manifest(dir);
        ((ObjectNode) manifest.at("/methods/hybrid/calibration")).remove("threshold");
        write(dir, manifest);
        assertRefused(dir, dir.resolve("manifest.json") + ": missing key methods.hybrid.calibration.threshold");
    }

    @Test
    void refusesALocationThatIsNoBundle() {
        assertRefused(tmp.resolve("nothing-here"), tmp.resolve("nothing-here") + ": no bundle there.*");
    }

    private static ObjectNode manifest(Path dir) throws IOException {
        return (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
    }

    private static void write(Path dir, ObjectNode manifest) throws IOException {
        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest);
    }

    private static void assertRefused(Path dir, String messageRegex) {
        BundleException e = assertThrows(BundleException.class, () -> DefaultBundle.loader().load(dir.toString()).close());
        assertTrue(e.getMessage().matches(messageRegex), () -> "message was: " + e.getMessage());
    }

}
