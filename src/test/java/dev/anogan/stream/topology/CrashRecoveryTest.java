package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.ImageStatus;
import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams application in a child JVM is killed with SIGKILL while patches stream in, then restarted on the same
 * state folder: a read_committed consumer sees every patch scored exactly once, and every image's verdict exactly
 * once, complete, although the kill fell while images were half assembled.
 */
class CrashRecoveryTest {

    private static final int PATCHES = 1_200;
    private static final int KILL_AFTER_SCORES = 150;
    private static final int IMAGES = 60;
    /** Tiles per image: a 4 x 4 grid. */
    private static final int TILES = 16;
    private static final int KILL_AFTER_VERDICTS = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void aKilledInstanceRestartedLosesAndDuplicatesNoScore() throws Exception {
        List<ImagePatch> patches = StreamingFixture.patches(PATCHES);
        killMidStream(patches, PatchScore.class, PatchScore::getPatchId, KILL_AFTER_SCORES, PATCHES)
                .assertEveryOneOnce("patches", "score");
    }

    @Test
    void aKilledInstanceRestartedPublishesEveryImageVerdictOnce() throws Exception {
        List<ImagePatch> tiles = IntStream.range(0, IMAGES).boxed()
                .flatMap(i -> ImageTiles.image("image-" + i, 4,
                        IntStream.range(i * TILES, (i + 1) * TILES).toArray()).stream())
                .toList();
        Map<String, ImageVerdict> verdicts = new HashMap<>();
        killMidStream(tiles, ImageVerdict.class, verdict -> {
            verdicts.put(verdict.getImageId(), verdict);
            return verdict.getImageId();
        }, KILL_AFTER_VERDICTS, IMAGES).assertEveryOneOnce("images", "verdict");
        verdicts.values().forEach(verdict -> {
            assertEquals(ImageStatus.COMPLETE, verdict.getStatus(), verdict.getImageId());
            assertEquals(TILES, verdict.getPatchesScored(), verdict.getImageId());
        });
    }

    /**
     * Sends {@code patches} (keyed by patch id) while the application runs, kills it once {@code killAfter}
     * distinct records of {@code type} (scores or image verdicts) have been read from their topic, restarts it,
     * and reads until {@code expected} distinct ones have come, then 3 s more for any duplicate.
     */
    private <T extends SpecificRecord> Tally killMidStream(List<ImagePatch> patches, Class<T> type,
                                                            Function<T, String> idOf, int killAfter, int expected)
            throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture()) {
            BrokerHarness harness = new BrokerHarness(kafka, 2);
            List<String> args = List.of(kafka.bootstrapServers(), fixture.registry().url(), harness.applicationId,
                    tmp.resolve("state").toString(), harness.topics.getPatches(), harness.topics.getScores(),
                    harness.topics.getAlerts(), harness.topics.getDeadLetters(), harness.topics.getImageVerdicts());
            String topic = type == ImageVerdict.class ? harness.topics.getImageVerdicts() : harness.topics.getScores();
            Tally tally = new Tally(expected);
            try (KafkaConsumer<byte[], T> consumer = harness.consumer(fixture.registry(), type)) {
                consumer.subscribe(List.of(topic));
                Process first = startApp(args, "first");
                CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(harness, fixture,
                        patches));
                try {
                    tally.records += pollUntil(consumer, tally.seen, idOf, killAfter, TIMEOUT);
                } finally {
                    first.destroyForcibly().waitFor();
                }
                tally.seenAtKill = tally.seen.size();
                Process second = startApp(args, "second");
                try {
                    producing.get();
                    tally.records += pollUntil(consumer, tally.seen, idOf, expected, TIMEOUT);
                    tally.records += pollUntil(consumer, tally.seen, idOf, Integer.MAX_VALUE, Duration.ofSeconds(3));
                } finally {
                    second.destroyForcibly().waitFor();
                }
            }
            return tally;
        }
    }

    /** Sends the patches at about 200 a second, so that the kill falls mid-stream. */
    private static void produce(BrokerHarness harness, StreamingFixture fixture, List<ImagePatch> patches) {
        String topic = harness.topics.getPatches();
        try (KafkaProducer<byte[], byte[]> producer = harness.producer()) {
            for (int i = 0; i < patches.size(); i++) {
                ImagePatch patch = patches.get(i);
                producer.send(new ProducerRecord<>(topic, patch.getPatchId().getBytes(), fixture.bytes(topic, patch)));
                if (i % 20 == 19) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls until {@code distinct} ids have been seen or the time is up; returns the records read. */
    private static <T> int pollUntil(KafkaConsumer<byte[], T> consumer, Map<String, Integer> seen,
                                     Function<T, String> idOf, int distinct, Duration timeout) {
        int records = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < distinct && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], T> r : consumer.poll(Duration.ofMillis(100))) {
                seen.merge(idOf.apply(r.value()), 1, Integer::sum);
                records++;
            }
        }
        return records;
    }

    private Process startApp(List<String> args, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), CrashableScoringApp.class.getName()));
        command.addAll(args);
        Path log = Files.createDirectories(tmp.resolve("logs")).resolve(name + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** What a read_committed consumer saw across the kill. */
    private static final class Tally {

        private final int expected;
        private final Map<String, Integer> seen = new HashMap<>();
        private int records;
        private int seenAtKill;

        Tally(int expected) {
            this.expected = expected;
        }

        /** @param things what was sent, @param output what each should get once */
        void assertEveryOneOnce(String things, String output) {
            int lost = expected - seen.size();
            int duplicated = records - seen.size();
            System.out.printf("crash test: %d %s, %d %s records read, %d distinct, killed after %d; lost %d,"
                    + " duplicated %d%n", expected, things, records, output, seen.size(), seenAtKill, lost,
                    duplicated);
            assertTrue(seenAtKill < expected, "the kill came after the last " + output + ": nothing was tested");
            assertEquals(0, lost, "lost " + output + "s");
            assertEquals(0, duplicated, "duplicated " + output + "s");
        }
    }
}
