package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.avro.FloatImage;
import dev.anogan.stream.avro.ImageStatus;
import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.publish.PublishCommand;
import dev.anogan.stream.testing.FashionMnist;
import dev.anogan.stream.testing.Mosaics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole way through the in-process broker with exactly-once: N PNG images published with {@code publish} give
 * exactly N committed image verdicts, each complete, with its stitched map and the image as the model saw it.
 */
class ImagesEndToEndTest {

    private static final int IMAGES = 5;
    private static final FashionMnist MNIST = FashionMnist.test();

    @TempDir
    Path tmp;

    @Test
    void nImagesPublishedGiveExactlyNCommittedVerdicts() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("scans"));
        for (int i = 0; i < IMAGES; i++) {
            // four Fashion-MNIST test images in a 2 x 2 grid, 56 x 56
            Mosaics.write(folder.resolve("scan-" + i + ".png"), 2, List.of(4 * i, 4 * i + 1, 4 * i + 2, 4 * i + 3));
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture()) {
            BrokerHarness harness = new BrokerHarness(kafka, 2);
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                    new BatchPolicy(16, Duration.ofMillis(50)), ImageVerdictsTopologyTest.POLICY),
                    harness.streamsProperties(tmp.resolve("state")), fixture.meters(), fixture.monitor())) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int status = PublishCommand.run(new String[] {"--bootstrap-servers", kafka.bootstrapServers(),
                        "--registry-url", fixture.registry().url(), "--topic", harness.topics.getPatches(),
                        "--stride", "14", folder.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err);
                assertEquals(0, status, out.toString(StandardCharsets.UTF_8));

                List<ImageVerdict> verdicts = harness.read(harness.topics.getImageVerdicts(), fixture.registry(),
                        ImageVerdict.class, IMAGES);
                assertEquals(IMAGES, verdicts.size());
                assertEquals(IntStream.range(0, IMAGES).mapToObj(i -> "scan-" + i + ".png").collect(Collectors.toSet()),
                        verdicts.stream().map(v -> v.getImageId().substring(0, v.getImageId().indexOf('@')))
                                .collect(Collectors.toSet()));
                for (ImageVerdict verdict : verdicts) {
                    assertEquals(ImageStatus.COMPLETE, verdict.getStatus());
                    // x and y at 0, 14, 28: 9 overlapping tiles
                    assertEquals(List.of(9, 9), List.of(verdict.getPatchesExpected(), verdict.getPatchesScored()));
                    assertEquals(56, verdict.getAnomalyMap().getWidth());
                    assertImageIsWhatTheModelSaw(verdict, fixture);
                }
            }
        }
    }

    /** The verdict's image is the PNG's pixels mapped as the model maps them, pixel for pixel. */
    private static void assertImageIsWhatTheModelSaw(ImageVerdict verdict, StreamingFixture fixture) {
        int first = 4 * Integer.parseInt(verdict.getImageId().substring("scan-".length(),
                verdict.getImageId().indexOf('.')));
        FloatImage image = verdict.getImage();
        assertEquals(List.of(56, 56, 1), List.of(image.getWidth(), image.getHeight(), image.getChannels()));
        FloatBuffer values = image.getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                float[] tile = fixture.scorer().mapper().modelView(MNIST.patch(first + (y / 28) * 2 + x / 28));
                assertEquals(tile[(y % 28) * 28 + x % 28], values.get(y * 56 + x), 1e-6f,
                        verdict.getImageId() + " at " + x + "," + y);
            }
        }
    }

}
