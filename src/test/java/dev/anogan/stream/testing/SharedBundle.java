package dev.anogan.stream.testing;

import dev.anogan.stream.model.ModelBundle;

/**
 * Resolves {@link ModelBundle} parameters with the default bundle, loaded once per test run and
 * closed by JUnit when the run ends.
 */
public final class SharedBundle extends RunWideResource<ModelBundle> {

    public SharedBundle() {
        super(ModelBundle.class, DefaultBundle::load);
    }
}
