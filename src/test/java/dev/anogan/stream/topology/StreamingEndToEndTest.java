package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.embedded.EmbeddedKafka;
import dev.anogan.stream.embedded.EmbeddedKafkaConfig;
import dev.anogan.stream.serde.SubjectNames;
import dev.anogan.stream.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology under Kafka Streams with exactly-once on the real in-process KRaft broker. */
class StreamingEndToEndTest {

    private static final BatchPolicy POLICY = new BatchPolicy(16, Duration.ofMillis(50));
    private static EmbeddedKafka kafka;
    private static StreamingFixture fixture;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.ephemeral());
        fixture = new StreamingFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
        kafka.close();
    }

    @Test
    void nPatchesInGiveExactlyNCommittedScoresOut() {
        int n = 100;
        BrokerHarness harness = new BrokerHarness(kafka, 2);
        try (ScoringStreams streams = start(harness); KafkaProducer<byte[], byte[]> producer = harness.producer()) {
            for (ImagePatch patch : StreamingFixture.patches(n)) {
                send(producer, harness, patch.getPatchId(), fixture.bytes(harness.topics.getPatches(), patch));
            }
            producer.flush();
            List<PatchScore> scores = harness.readScores(fixture.registry(), n);
            assertEquals(n, scores.size());
            assertEquals(n, scores.stream().map(PatchScore::getPatchId).distinct().count());
        }
    }

    @Test
    void badRecordsAreDeadLetteredWithTheirReasonAndEveryGoodOneIsScored() {
        BrokerHarness harness = new BrokerHarness(kafka, 1);
        String topic = harness.topics.getPatches();
        Map<String, DeadLetterReason> expected = new TreeMap<>();
        try (ScoringStreams streams = start(harness); KafkaProducer<byte[], byte[]> producer = harness.producer()) {
            List<ImagePatch> good = StreamingFixture.patches(20);
            for (int i = 0; i < good.size(); i++) {
                send(producer, harness, good.get(i).getPatchId(), fixture.bytes(topic, good.get(i)));
                String bad = "bad-" + i;
                switch (i % 4) {
                    case 0 -> send(producer, harness, bad, new byte[] {5, 5, 5});
                    case 1 -> send(producer, harness, bad, fixture.bytes(topic,
                            ImagePatch.newBuilder(good.get(i)).setHeight(14).build()));
                    case 2 -> send(producer, harness, bad, fixture.bytes(topic,
                            ImagePatch.newBuilder(good.get(i)).setModel("elsewhere").build()));
                    default -> send(producer, harness, bad, new byte[] {0, 0x7F, 0, 0, 1, 0});
                }
                expected.put(bad, switch (i % 4) {
                    case 0 -> DeadLetterReason.UNDECODABLE;
                    case 1 -> DeadLetterReason.SIZE_MISMATCH;
                    case 2 -> DeadLetterReason.UNKNOWN_MODEL;
                    default -> DeadLetterReason.UNKNOWN_SCHEMA;
                });
            }
            producer.flush();
            Set<String> scored = harness.readScores(fixture.registry(), good.size()).stream()
                    .map(PatchScore::getPatchId).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(good.stream().map(ImagePatch::getPatchId).collect(Collectors.toCollection(TreeSet::new)),
                    scored);
            List<DeadLetter> letters = harness.readDeadLetters(fixture.registry(), expected.size());
            Map<String, DeadLetterReason> got = new TreeMap<>();
            for (DeadLetter letter : letters) {
                got.put(new String(bytes(letter.getKey())), letter.getReason());
            }
            assertEquals(expected, got);
            assertEquals(expected.size(), letters.size());
        }
    }

    @Test
    void aProducerWithAnEvolvedSchemaIsStillScored() throws IOException {
        BrokerHarness harness = new BrokerHarness(kafka, 1);
        String topic = harness.topics.getPatches();
        Schema evolved = new Schema.Parser().parse(ImagePatch.SCHEMA$.toString().replace(
                "\"name\":\"metadata\"",
                "\"name\":\"exposureMicros\",\"type\":[\"null\",\"long\"],\"default\":null},{\"name\":\"metadata\""));
        fixture.bytes(topic, StreamingFixture.patch(0)); // the current schema first, then its compatible successor
        int schemaId = fixture.registry().register(SubjectNames.valueSubject(topic), evolved);
        List<ImagePatch> patches = StreamingFixture.patches(5);
        try (ScoringStreams streams = start(harness); KafkaProducer<byte[], byte[]> producer = harness.producer()) {
            for (ImagePatch patch : patches) {
                send(producer, harness, patch.getPatchId(), WireFormat.encode(schemaId, evolvedBinary(patch, evolved)));
            }
            producer.flush();
            List<PatchScore> scores = harness.readScores(fixture.registry(), patches.size());
            assertEquals(patches.stream().map(ImagePatch::getPatchId).toList(),
                    scores.stream().map(PatchScore::getPatchId).sorted().toList());
        }
    }

    private ScoringStreams start(BrokerHarness harness) {
        return ScoringStreams.start(fixture.topology(harness.topics, POLICY), harness.streamsProperties(stateDir),
                fixture.meters(), fixture.monitor());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, BrokerHarness harness, String key, byte[] value) {
        producer.send(new ProducerRecord<>(harness.topics.getPatches(), key.getBytes(), value));
    }

    /** {@code patch} written as a newer producer would: every field copied, the new one set. */
    private static byte[] evolvedBinary(ImagePatch patch, Schema evolved) throws IOException {
        GenericRecord record = new GenericData.Record(evolved);
        for (Schema.Field field : ImagePatch.SCHEMA$.getFields()) {
            record.put(field.name(), patch.get(field.pos()));
        }
        record.put("exposureMicros", 1_500L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GenericDatumWriter<GenericRecord>(evolved, SpecificData.getForClass(ImagePatch.class))
                .write(record, EncoderFactory.get().directBinaryEncoder(out, null));
        return out.toByteArray();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
