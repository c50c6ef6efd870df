package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.batching.BatcherSettings;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stream threads share the dynamic batcher while patches the model fails on are spread among healthy ones:
 * the retry of a failed batch runs each patch alone, so only the poison patches are dead letters, however the
 * threads' batches interleave.
 */
class PoisonPatchAmongThreadsTest {

    private static final int PATCHES = 200;

    @TempDir
    Path stateDir;

    @Test
    void onlyThePoisonPatchesAreDeadLetteredWhenTwoThreadsShareTheBatcher() throws Exception {
        // A queue delay long enough that the two threads' retries would be merged in the shared batcher.
        BatcherSettings batching = new BatcherSettings(64, Duration.ofMillis(20), 1024, "poison-test");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture(StreamingFixture.METHOD, OptionalInt.empty(),
                     FailingMethods.FailsOnBlankPatches::new, batching)) {
            BrokerHarness harness = new BrokerHarness(kafka, 2);
            Properties props = harness.streamsProperties(stateDir);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
            List<ImagePatch> patches = new ArrayList<>();
            for (int i = 0; i < PATCHES; i++) {
                patches.add(i % 5 == 2 ? FailingMethods.blank(i) : StreamingFixture.patch(i));
            }
            TreeSet<String> poison = new TreeSet<>(patches.stream().map(ImagePatch::getPatchId)
                    .filter(id -> id.startsWith("blank")).toList());
            TreeSet<String> healthy = new TreeSet<>(patches.stream().map(ImagePatch::getPatchId)
                    .filter(id -> !poison.contains(id)).toList());
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                    new BatchPolicy(8, Duration.ofMillis(50))), props, fixture.meters(), fixture.monitor());
                 KafkaProducer<byte[], byte[]> producer = harness.producer()) {
                String topic = harness.topics.getPatches();
                for (ImagePatch patch : patches) {
                    producer.send(new ProducerRecord<>(topic, patch.getPatchId().getBytes(),
                            fixture.bytes(topic, patch)));
                }
                producer.flush();
                List<PatchScore> scores = harness.readScores(fixture.registry(), healthy.size());
                List<DeadLetter> letters = harness.readDeadLetters(fixture.registry(), poison.size());

                assertEquals(poison, new TreeSet<>(letters.stream().map(Supervisions::key).toList()),
                        "dead letters: only the poison patches");
                assertEquals(poison.size(), letters.size());
                letters.forEach(letter -> assertEquals(DeadLetterReason.SCORING_FAILED, letter.getReason()));
                assertEquals(healthy, new TreeSet<>(scores.stream().map(PatchScore::getPatchId).toList()));
                assertEquals(healthy.size(), scores.size());
            }
        }
    }
}
