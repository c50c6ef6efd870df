package dev.anogan.stream.scoring;

import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.Golden;
import dev.anogan.stream.testing.SharedBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The default bundle's graphs and scorers against its golden vectors ({@link BundleGoldenVectors}). */
@ExtendWith(SharedBundle.class)
class GoldenVectorTest extends BundleGoldenVectors {

    GoldenVectorTest() {
        super(Golden.ofDefaultBundle());
    }

    @BeforeAll
    void load(ModelBundle shared) {
        use(shared);
    }
}
