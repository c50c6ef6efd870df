package dev.anogan.stream.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The PNG files a publisher is pointed at. */
public final class PngFolder {

    private PngFolder() {
    }

    /**
     * A file as itself; a folder as its {@code .png} files (any case), sorted by name.
     *
     * @throws IOException when {@code input} is neither, or the folder cannot be listed
     */
    public static List<Path> of(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            if (!Files.isRegularFile(input)) {
                throw new IOException("no such file or folder");
            }
            return List.of(input);
        }
        try (Stream<Path> entries = Files.list(input)) {
            return entries.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .endsWith(".png")).filter(Files::isRegularFile).sorted().toList();
        }
    }
}
