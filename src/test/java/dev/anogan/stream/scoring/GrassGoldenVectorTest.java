package dev.anogan.stream.scoring;

import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.DefaultBundle;
import dev.anogan.stream.testing.Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The grass demo bundle's graphs and scorers against its golden vectors ({@link BundleGoldenVectors}). */
class GrassGoldenVectorTest extends BundleGoldenVectors {

    private final Golden golden = Golden.of(DefaultBundle.committedFolder("grass"));
    private ModelBundle bundle;

    @BeforeAll
    void load() {
        bundle = DefaultBundle.loader().load("classpath:bundles/grass");
    }

    @AfterAll
    void close() {
        bundle.close();
    }

    @Override
    ModelBundle bundle() {
        return bundle;
    }

    @Override
    Golden golden() {
        return golden;
    }
}
