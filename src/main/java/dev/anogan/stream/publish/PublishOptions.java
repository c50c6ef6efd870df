package dev.anogan.stream.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The options of {@code publish}.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param registryUrl      the schema registry
 * @param topic            the input topic of the service
 * @param bundle           the bundle whose patch size and channels the tiles take
 * @param stride           pixels between tiles; empty: the bundle's training stride, else the patch size
 * @param sourceId         the scanner's id in every patch
 * @param inputs           PNG files and folders of them
 */
record PublishOptions(String bootstrapServers, String registryUrl, String topic, String bundle,
                      OptionalInt stride, String sourceId, List<Path> inputs) {

    static final String USAGE = """
            java -jar anogan-stream.jar publish [options] IMAGE|FOLDER...
              Tiles PNG images (8/16-bit, gray or RGB; a folder: its *.png files, sorted) into the model's
              patches and publishes them, with their image's geometry, to the service's input topic; the
              service then publishes one verdict per image on image-verdicts.
              --bootstrap-servers HOSTS  Kafka (default 127.0.0.1:9092, the service's embedded broker)
              --registry-url URL         schema registry (default http://127.0.0.1:8081, the embedded one)
              --topic NAME               input topic (default patches)
              --bundle LOCATION          bundle whose patch size and channels to tile for: a folder, a .zip or
                                         classpath:<folder> (default classpath:bundles/default, the built-in one)
              --stride N                 pixels between neighbouring tiles (default: the stride the bundle was
                                         trained and image-calibrated with, else the patch size; smaller
                                         overlaps the tiles, which the stitched map averages)
              --source-id ID             the scanner's id in every patch (default publisher)
            """;

    /** @throws IllegalArgumentException on a bad option, with what was wrong */
    static PublishOptions parse(String[] args) {
        String bootstrapServers = "127.0.0.1:9092";
        String registryUrl = "http://127.0.0.1:8081";
        String topic = "patches";
        String bundle = "classpath:bundles/default";
        OptionalInt stride = OptionalInt.empty();
        String sourceId = "publisher";
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                inputs.add(Path.of(arg));
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--bootstrap-servers" -> bootstrapServers = value;
                case "--registry-url" -> registryUrl = value;
                case "--topic" -> topic = value;
                case "--bundle" -> bundle = value;
                case "--stride" -> stride = OptionalInt.of(positive(arg, value));
                case "--source-id" -> sourceId = value;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no IMAGE or FOLDER given");
        }
        return new PublishOptions(bootstrapServers, registryUrl, topic, bundle, stride, sourceId, inputs);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("option " + option + " takes a positive integer, got '" + value + "'");
    }
}
