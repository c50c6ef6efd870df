package dev.anogan.stream;

import io.micronaut.runtime.Micronaut;

/** Starts the anogan-stream service. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
