package dev.anogan.stream.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

/** A bundle shipped inside the application's jar, such as the default {@code classpath:bundles/default}. */
final class ClasspathBundleFiles implements BundleFiles {

    private final String root;

    ClasspathBundleFiles(String root) {
        this.root = root.endsWith("/") ? root : root + "/";
    }

    @Override
    public byte[] read(String relativePath) throws IOException {
        try (InputStream in = ClasspathBundleFiles.class.getClassLoader().getResourceAsStream(root + relativePath)) {
            if (in == null) {
                throw new NoSuchFileException(describe(relativePath));
            }
            return in.readAllBytes();
        }
    }

    @Override
    public String describe(String relativePath) {
        return CLASSPATH_PREFIX + root + relativePath;
    }

    @Override
    public void close() {
        // class loader resources need no closing
    }
}
