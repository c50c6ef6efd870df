package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under at-least-once, a crash between the buffer's changelog write and the offset commit leaves a record both in
 * the changelog and uncommitted: after the restart it is restored into the buffer and consumed again. It must be
 * buffered, and scored, once. The crash's leftovers are made by hand: the record in the changelog, no committed
 * offset.
 */
class AtLeastOnceRestoreTest {

    @TempDir
    Path stateDir;

    @Test
    void aRecordRestoredAndConsumedAgainIsScoredOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
             StreamingFixture fixture = new StreamingFixture()) {
            BrokerHarness harness = new BrokerHarness(kafka, 1);
            String changelog = harness.applicationId + "-" + ScoringTopology.BUFFER_STORE + "-changelog";
            kafka.createTopics(List.of(new NewTopic(changelog, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact"))));
            String topic = harness.topics.getPatches();
            byte[] key = "patch-0".getBytes();
            byte[] value = fixture.bytes(topic, StreamingFixture.patch(0));
            try (KafkaProducer<byte[], byte[]> producer = harness.producer()) {
                RecordMetadata input = producer.send(new ProducerRecord<>(topic, key, value)).get();
                SourceRecord buffered = new SourceRecord(key, value, topic, input.partition(), input.offset(),
                        input.timestamp());
                producer.send(new ProducerRecord<>(changelog, input.partition(),
                        Serdes.Long().serializer().serialize(changelog, input.offset()),
                        new SourceRecordSerde().serializer().serialize(changelog, buffered))).get();
            }
            Properties props = harness.streamsProperties(stateDir);
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
            try (ScoringStreams streams = ScoringStreams.start(fixture.topology(harness.topics,
                    new BatchPolicy(4, Duration.ofMillis(200))), props, fixture.meters(), fixture.monitor())) {
                List<PatchScore> scores = harness.readScores(fixture.registry(), 1);
                assertEquals(List.of("patch-0"), scores.stream().map(PatchScore::getPatchId).toList());
                assertEquals(1, scores.get(0).getBatchSize(), "scored in a batch of one");
            }
        }
    }
}
