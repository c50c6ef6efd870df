package dev.anogan.stream.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A bundle unpacked in a directory. */
final class DirectoryBundleFiles implements BundleFiles {

    private final Path root;

    DirectoryBundleFiles(Path root) {
        this.root = root;
    }

    @Override
    public byte[] read(String relativePath) throws IOException {
        return Files.readAllBytes(root.resolve(relativePath));
    }

    @Override
    public String describe(String relativePath) {
        return root.resolve(relativePath).toString();
    }

    @Override
    public void close() {
        // nothing held open
    }
}
