package dev.anogan.stream.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code anogan.demo.images-folder}: a plain folder as it is; {@code classpath:} folders in a jar or a directory. */
class DemoImageFolderTest {

    private static final byte[] FIRST = {1, 2, 3};
    private static final byte[] SECOND = {4, 5};

    @TempDir
    Path dir;

    @Test
    void aPlainFolderIsUsedWhereItIs() {
        assertEquals(dir.resolve("scans"), DemoImageFolder.resolve(dir.resolve("scans").toString(), dir));
    }

    @Test
    void aFolderInAJarIsCopiedToTheDataFolder() throws IOException {
        Path jar = dir.resolve("demo.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // with its folders' entries, as Maven's jar and shade plugins write them
            put(out, "demo/", new byte[0]);
            put(out, "demo/scans/", new byte[0]);
            put(out, "demo/scans/a.png", FIRST);
            put(out, "demo/scans/b.png", SECOND);
            put(out, "demo/other.png", FIRST);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path folder = DemoImageFolder.resolve("classpath:demo/scans", dir.resolve("data"), loader);

            assertEquals(dir.resolve("data").resolve("demo-images").resolve("demo-scans"), folder);
            assertEquals(List.of("a.png", "b.png"), names(folder));
            assertArrayEquals(SECOND, Files.readAllBytes(folder.resolve("b.png")));
        }
    }

    @Test
    void aFolderInAClassesDirectoryIsCopiedToo() throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("demo/scans"));
        Files.write(classes.resolve("demo/scans/a.png"), FIRST);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Path folder = DemoImageFolder.resolve("classpath:demo/scans/", dir.resolve("data"), loader);

            assertEquals(List.of("a.png"), names(folder));
        }
    }

    @Test
    void aMissingClasspathFolderIsRefusedNamingTheKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DemoImageFolder.resolve("classpath:no/such/folder", dir));
        assertEquals("anogan.demo.images-folder: no folder no/such/folder on the classpath", e.getMessage());
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(bytes);
        jar.closeEntry();
    }

    private static List<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
