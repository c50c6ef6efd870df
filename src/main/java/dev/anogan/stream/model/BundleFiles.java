package dev.anogan.stream.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Read access to the files of a bundle, wherever it lies: a directory, a zip file or the classpath.
 * Implementations that hold an open file close it in {@link #close()}; the {@link BundleLoader}
 * that opened them closes them once the bundle is loaded.
 */
public interface BundleFiles extends AutoCloseable {

    String CLASSPATH_PREFIX = "classpath:";

    /** Reads one file of the bundle by its path relative to the bundle root. */
    byte[] read(String relativePath) throws IOException;

    /** How to name a file of this bundle in a message, e.g. {@code /models/b1/manifest.json}. */
    String describe(String relativePath);

    @Override
    void close() throws IOException;

    /**
     * Opens a bundle location: {@code classpath:bundles/default}, a directory, or a {@code .zip} file.
     *
     * @throws BundleException if the location does not exist
     */
    static BundleFiles open(String location) {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            return new ClasspathBundleFiles(location.substring(CLASSPATH_PREFIX.length()));
        }
        Path path = Path.of(location);
        if (Files.isDirectory(path)) {
            return new DirectoryBundleFiles(path);
        }
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".zip")) {
            return ZipBundleFiles.open(path);
        }
        throw new BundleException(location, "no bundle there: expected a directory, a .zip file or classpath:<folder>");
    }
}
