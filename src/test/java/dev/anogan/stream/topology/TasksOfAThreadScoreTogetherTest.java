package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One stream thread holding several tasks (partitions) scores their buffered patches as one batch: a full batch
 * counts the patches of all its tasks, and a due part batch takes every task's patches, in one model call.
 */
class TasksOfAThreadScoreTogetherTest extends FixturePerClass {

    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 10;

    @TempDir
    Path stateDir;

    @Test
    void aBatchFullAcrossTasksIsScoredInOneCall() throws Exception {
        // No task fills a batch alone, and the wait is far away: only the thread's count can start the batch.
        List<PatchScore> scores = scoreOnOneThread(new BatchPolicy(PARTITIONS * PER_PARTITION, Duration.ofSeconds(60)));
        scores.forEach(score -> assertEquals(PARTITIONS * PER_PARTITION, score.getBatchSize(), score.getPatchId()));
    }

    @Test
    void aDuePartBatchTakesEveryTasksPatches() throws Exception {
        List<PatchScore> scores = scoreOnOneThread(new BatchPolicy(1_000, Duration.ofSeconds(1)));
        scores.forEach(score -> assertEquals(PARTITIONS * PER_PARTITION, score.getBatchSize(), score.getPatchId()));
    }

    /** Sends the patches to every partition before the application starts, and reads their scores. */
    private List<PatchScore> scoreOnOneThread(BatchPolicy policy) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral())) {
            BrokerHarness harness = new BrokerHarness(kafka, PARTITIONS);
            String topic = harness.topics.getPatches();
            try (KafkaProducer<byte[], byte[]> producer = harness.producer()) {
                for (int i = 0; i < PARTITIONS * PER_PARTITION; i++) {
                    producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, ("k" + i).getBytes(),
                            fixture.bytes(topic, StreamingFixture.patch(i))));
                }
            }
            Properties props = harness.streamsProperties(stateDir);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics, policy), props,
                    fixture.meters(), fixture.monitor())) {
                List<PatchScore> scores = harness.readScores(fixture.registry(), PARTITIONS * PER_PARTITION);
                assertEquals(new TreeSet<>(IntStream.range(0, PARTITIONS * PER_PARTITION).mapToObj(i -> "patch-" + i)
                        .toList()), new TreeSet<>(scores.stream().map(PatchScore::getPatchId).toList()));
                assertEquals(PARTITIONS * PER_PARTITION, scores.size());
                return scores;
            }
        }
    }
}
