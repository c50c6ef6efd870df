package dev.anogan.stream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.Application;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scoring benchmark, which starts the trainer's Python process for its PyTorch reference, is test code: the main
 * output that the service jar packs holds none of its classes, and none of the service's classes starts a process
 * or names the trainer's module.
 */
class BenchmarkIsTestCodeTest {

    @Test
    void theServicesClassesHoldNoBenchmarkAndStartNoPythonProcess() throws Exception {
        Path main = outputOf(Application.class);
        assertTrue(Files.isDirectory(main.resolve("dev/anogan/stream")), "the main output: " + main);
        assertNotEquals(main, outputOf(ScoringBenchmark.class), "the benchmark is compiled with the tests");
        assertTrue(Files.notExists(main.resolve("dev/anogan/stream/bench")), main + " has the benchmark's package");

        List<String> classes;
        try (Stream<Path> files = Files.walk(main)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).map(main::relativize).map(Path::toString)
                    .toList();
        }
        assertTrue(classes.size() > 100, "the service's classes: " + classes.size());
        List<String> starting = classes.stream().filter(c -> mentions(main.resolve(c), "java/lang/ProcessBuilder")
                || mentions(main.resolve(c), "anogan_train")).toList();
        assertEquals(List.of(), starting, "service classes that start a process or name the trainer");
    }

    /** The folder or jar a class was loaded from. */
    private static Path outputOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Whether a class file's constant pool has {@code text} (ASCII names are stored as they are). */
    private static boolean mentions(Path classFile, String text) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
