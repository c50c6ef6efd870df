package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.kafka.StreamsConfiguration;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.testing.FashionMnist;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AnoGAN at its manifest steps (Γ = 500) through the topology on the real broker under exactly-once, with a batch
 * longer than Kafka Streams' default transaction timeout (10 s) that runs inside an open transaction: a dead letter
 * sent just before the batch fills opens it. With the transaction and poll timeouts derived from
 * {@code anogan.streams.max-batch-time}, the broker does not abort it: every patch is scored exactly once, and by
 * the model once. (With Kafka's defaults the broker aborts the transaction, the producer is fenced at the commit,
 * and the task redoes the batch.)
 */
class SlowMethodTransactionTest {

    /** Well beyond Kafka Streams' default transaction.timeout.ms (10 s). */
    private static final Duration SLOWEST_BATCH_AT_LEAST = Duration.ofSeconds(25);

    @TempDir
    Path stateDir;

    @Test
    void anAnoGanBatchLongerThanKafkasTransactionTimeoutIsScoredExactlyOnce() throws Exception {
        // The broker looks for expired transactions every second (its default: every 10 s), so that a transaction
        // past its timeout is aborted promptly, as on a busy cluster.
        EmbeddedKafkaConfig brokerConfig = new EmbeddedKafkaConfig(Optional.empty(), false, 0, 0,
                Map.of("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(brokerConfig);
             StreamingFixture fixture = new StreamingFixture("anogan", OptionalInt.empty(), UnaryOperator.identity())) {
            int perBatch = patchesForAtLeast(fixture, SLOWEST_BATCH_AT_LEAST);
            BrokerHarness harness = new BrokerHarness(kafka, 1);
            StreamsConfiguration config = new StreamsConfiguration();
            config.setApplicationId(harness.applicationId);
            config.setBootstrapServers(kafka.bootstrapServers());
            config.setStateDir(stateDir.toString());
            config.setNumStreamThreads(1);
            config.setMaxBatchTime(Duration.ofMinutes(1));
            Properties props = config.streamsProperties(config.tasksPerThread(1));
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                    new BatchPolicy(perBatch, Duration.ofMinutes(5))), props, fixture.meters(), fixture.monitor());
                 KafkaProducer<byte[], byte[]> producer = harness.producer()) {
                String topic = harness.topics.getPatches();
                int patches = perBatch;
                for (int i = 0; i < patches; i++) {
                    if (i == patches - 1) {
                        // processed just before the patch that fills the batch: its dead letter opens the
                        // transaction that the batch then runs in
                        producer.send(new ProducerRecord<>(topic, "junk".getBytes(), "not a patch".getBytes()));
                    }
                    producer.send(new ProducerRecord<>(topic, ("patch-" + i).getBytes(),
                            fixture.bytes(topic, StreamingFixture.patch(i))));
                }
                producer.flush();
                List<PatchScore> scores = harness.readScores(fixture.registry(), patches);
                long slowestMs = scores.stream().mapToLong(PatchScore::getLatencyMicros).max().orElse(0) / 1000;
                System.out.printf("anogan: %d patches, %d scores, slowest model call %d ms%n", patches,
                        scores.size(), slowestMs);
                assertEquals(patches, scores.size(), "scores");
                assertEquals(patches, new TreeSet<>(scores.stream().map(PatchScore::getPatchId).toList()).size());
                scores.forEach(score -> assertEquals(500, score.getSteps()));
                assertEquals(patches, fixture.batcher().batcher().stats().itemsProcessed(),
                        "each patch went through the model once: no transaction was aborted and its batch redone");
                assertEquals(1, harness.readDeadLetters(fixture.registry(), 1).size());
            }
        }
    }

    /** How many patches one flush needs (one model call: up to the batcher's 64) to take at least {@code time} here (timed on a small batch first). */
    private static int patchesForAtLeast(StreamingFixture fixture, Duration time) throws Exception {
        FashionMnist mnist = FashionMnist.test();
        List<Patch> probe = IntStream.range(0, 8).mapToObj(mnist::patch).toList();
        long start = System.nanoTime();
        fixture.scorer().score(probe, false);
        double perPatchMs = (System.nanoTime() - start) / 1e6 / probe.size();
        int patches = (int) Math.ceil(time.toMillis() / perPatchMs);
        System.out.printf("anogan: %.0f ms per patch here; %d patches per batch%n", perPatchMs, patches);
        assertTrue(patches <= 200, "this machine is too slow for the test: " + perPatchMs + " ms per patch");
        return Math.max(patches, 8);
    }
}
