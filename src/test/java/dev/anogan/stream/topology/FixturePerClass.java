package dev.anogan.stream.topology;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One {@link StreamingFixture} for a whole test class, closed after its tests; test classes run one at a time. */
abstract class FixturePerClass {

    protected static StreamingFixture fixture;

    @BeforeAll
    static void startFixture() {
        fixture = new StreamingFixture();
    }

    @AfterAll
    static void stopFixture() {
        fixture.close();
    }
}
