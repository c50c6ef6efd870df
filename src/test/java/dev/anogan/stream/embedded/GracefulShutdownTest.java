package dev.anogan.stream.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (here SIGTERM, which the JVM handles the same way; a background process ignores SIGINT) stops the
 * service with the embedded default cleanly: streams first, then the scanner, then the cluster, no error while
 * stopping, and the
 * data folder free for the next start. The service runs as README's first command runs it: its own JVM and main.
 */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsEverythingInOrderAndFreesTheDataFolder() throws Exception {
        Path log = dir.resolve("service.log");
        Path dataDir = dir.resolve("data");
        Process service = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Danogan.embedded.kafka-port=0", "-Danogan.embedded.registry-port=0",
                "-Danogan.embedded.data-dir=" + dataDir, "-Dmicronaut.server.port=-1", "-Danogan.demo.rate=50",
                "dev.anogan.stream.Application"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!read(log).contains("anogan-stream is up") && service.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(read(log).contains("anogan-stream is up"), read(log));
            Thread.sleep(3_000);
            service.destroy();
            assertTrue(service.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGTERM:\n" + read(log));
        } finally {
            service.destroyForcibly();
        }
        String out = read(log);
        assertEquals(143, service.exitValue(), out);
        int streams = out.indexOf("Kafka Streams stopped");
        int scanner = out.indexOf("Demo scanner stopped after");
        int cluster = out.indexOf("Stopping the embedded cluster");
        assertTrue(streams > 0 && scanner > streams && cluster > scanner, "shutdown order:\n" + out);
        String shutdown = out.substring(out.indexOf("shutting down"));
        assertFalse(shutdown.contains(" ERROR "), shutdown);
        DataDirLock.acquire(dataDir, "the folder after shutdown").close();
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
