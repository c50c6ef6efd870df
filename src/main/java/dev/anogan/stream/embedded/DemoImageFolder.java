package dev.anogan.stream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the demo's images are: {@code anogan.demo.images-folder} is a folder, or {@code classpath:<folder>} for images
 * that ship in the jar (such as the grass demo's), copied to the data folder so that they are plain files.
 */
final class DemoImageFolder {

    static final String CLASSPATH = "classpath:";

    private DemoImageFolder() {
    }

    /** The folder at {@code location}; a classpath folder's files are first copied below {@code dataDir}. */
    static Path resolve(String location, Path dataDir) {
        return resolve(location, dataDir, DemoImageFolder.class.getClassLoader());
    }

    static Path resolve(String location, Path dataDir, ClassLoader classpath) {
        if (!location.startsWith(CLASSPATH)) {
            return Path.of(location);
        }
        String folder = location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
        URL url = classpath.getResource(folder);
        if (url == null) {
            throw new IllegalStateException(DemoConfiguration.IMAGES_FOLDER + ": no folder " + folder
                    + " on the classpath");
        }
        Path target = dataDir.resolve("demo-images").resolve(folder.replace('/', '-'));
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copyFiles(jar.provider().getPath(uri), target);
                }
            } else {
                copyFiles(Path.of(uri), target);
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(DemoConfiguration.IMAGES_FOLDER + ": cannot copy " + location + " to "
                    + target + " (" + e.getMessage() + ")", e);
        }
        return target;
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
