package dev.anogan.stream.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A bundle packed in a zip file, its manifest at the root of the archive. */
final class ZipBundleFiles implements BundleFiles {

    private final Path path;
    private final ZipFile zip;

    private ZipBundleFiles(Path path, ZipFile zip) {
        this.path = path;
        this.zip = zip;
    }

    static ZipBundleFiles open(Path path) {
        try {
            return new ZipBundleFiles(path, new ZipFile(path.toFile()));
        } catch (IOException e) {
            throw new BundleException(path.toString(), "not a readable zip file (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public byte[] read(String relativePath) throws IOException {
        ZipEntry entry = zip.getEntry(relativePath);
        if (entry == null) {
            throw new NoSuchFileException(describe(relativePath));
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    @Override
    public String describe(String relativePath) {
        return path + "!/" + relativePath;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
