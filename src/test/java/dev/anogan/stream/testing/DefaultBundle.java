package dev.anogan.stream.testing;

import ai.onnxruntime.OrtEnvironment;
import dev.anogan.stream.model.BundleLoader;
import dev.anogan.stream.model.SessionSettings;
import dev.anogan.stream.model.ModelBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The committed default bundle, for tests: loaded from the classpath, or copied to a folder to be broken. */
public final class DefaultBundle {

    public static final String LOCATION = "classpath:bundles/default";

    private DefaultBundle() {
    }

    public static BundleLoader loader() {
        return new BundleLoader(OrtEnvironment.getEnvironment(), SessionSettings.CPU_DEFAULTS);
    }

    /** Loads the default bundle; the caller closes it. */
    public static ModelBundle load() {
        return loader().load(LOCATION);
    }

    /** Loads the committed bundle {@code name} (src/main/resources/bundles/NAME); the caller closes it. */
    public static ModelBundle loadCommitted(String name) {
        return loader().load("classpath:bundles/" + name);
    }

    /** The folder the default bundle was copied to by the build (target/classes/bundles/default). */
    public static Path folder() {
        return committedFolder("default");
    }

    /** The folder the build copied the committed bundle {@code name} to (target/classes/bundles/NAME). */
    public static Path committedFolder(String name) {
        try {
            return Path.of(DefaultBundle.class.getClassLoader().getResource("bundles/" + name + "/manifest.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the default bundle into {@code target} (a fresh folder). */
    public static Path copyTo(Path target) {
        Path source = folder();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
