package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams application in a child JVM is killed with SIGKILL while patches stream in, then restarted on the same
 * state folder: a read_committed consumer sees every patch scored exactly once.
 */
class CrashRecoveryTest {

    private static final int PATCHES = 1_200;
    private static final int KILL_AFTER_SCORES = 150;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void aKilledInstanceRestartedLosesAndDuplicatesNoScore() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture()) {
            BrokerHarness harness = new BrokerHarness(kafka, 2);
            List<String> args = List.of(kafka.bootstrapServers(), fixture.registry().url(), harness.applicationId,
                    tmp.resolve("state").toString(), harness.topics.getPatches(), harness.topics.getScores(),
                    harness.topics.getAlerts(), harness.topics.getDeadLetters());
            Map<String, Integer> seen = new HashMap<>();
            int records = 0;
            int scoredAtKill;
            try (KafkaConsumer<byte[], PatchScore> consumer = harness.consumer(fixture.registry(), PatchScore.class)) {
                consumer.subscribe(List.of(harness.topics.getScores()));
                Process first = startApp(args, "first");
                CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(harness, fixture));
                try {
                    records += pollUntil(consumer, seen, KILL_AFTER_SCORES, TIMEOUT);
                } finally {
                    first.destroyForcibly().waitFor();
                }
                scoredAtKill = seen.size();
                Process second = startApp(args, "second");
                try {
                    producing.get();
                    records += pollUntil(consumer, seen, PATCHES, TIMEOUT);
                    records += pollUntil(consumer, seen, Integer.MAX_VALUE, Duration.ofSeconds(3));
                } finally {
                    second.destroyForcibly().waitFor();
                }
            }
            int lost = PATCHES - seen.size();
            long duplicated = records - seen.size();
            System.out.printf("crash test: %d patches, %d score records read, %d distinct, killed after %d scored;"
                    + " lost %d, duplicated %d%n", PATCHES, records, seen.size(), scoredAtKill, lost, duplicated);
            assertTrue(scoredAtKill < PATCHES, "the kill came after the last score: nothing was tested");
            assertEquals(0, lost, "lost scores");
            assertEquals(0, duplicated, "duplicated scores");
        }
    }

    /** Sends the patches at about 200 a second, so that the kill falls mid-stream. */
    private static void produce(BrokerHarness harness, StreamingFixture fixture) {
        String topic = harness.topics.getPatches();
        try (KafkaProducer<byte[], byte[]> producer = harness.producer()) {
            for (int i = 0; i < PATCHES; i++) {
                String id = "patch-" + i;
                producer.send(new ProducerRecord<>(topic, id.getBytes(), fixture.bytes(topic, StreamingFixture.patch(i))));
                if (i % 20 == 19) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls until {@code distinct} patch ids have been seen or the time is up; returns the records read. */
    private static int pollUntil(KafkaConsumer<byte[], PatchScore> consumer, Map<String, Integer> seen, int distinct,
                                 Duration timeout) {
        int records = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < distinct && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], PatchScore> r : consumer.poll(Duration.ofMillis(100))) {
                seen.merge(r.value().getPatchId(), 1, Integer::sum);
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
}
