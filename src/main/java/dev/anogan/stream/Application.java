package dev.anogan.stream;

import dev.anogan.stream.publish.PublishCommand;
import io.micronaut.runtime.Micronaut;
import java.util.Arrays;

/** Starts the anogan-stream service; {@code publish ...} runs the image publisher instead ({@link PublishCommand}). */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("publish")) {
            System.exit(PublishCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        Micronaut.run(Application.class, args);
    }
}
