package dev.anogan.stream.scoring;

import dev.anogan.stream.testing.DefaultBundle;
import dev.anogan.stream.testing.Golden;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The grass demo bundle's graphs and scorers against its golden vectors ({@link BundleGoldenVectors}). */
class GrassGoldenVectorTest extends BundleGoldenVectors {

    GrassGoldenVectorTest() {
        super(Golden.of(DefaultBundle.committedFolder("grass")));
    }

    @BeforeAll
    void load() {
        use(DefaultBundle.loadCommitted("grass"));
    }

    @AfterAll
    void close() {
        bundle().close();
    }
}
