package dev.anogan.stream.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PixelEncoding;
import io.micrometer.core.instrument.Counter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of record that cannot be scored lands on the dead-letter topic, whole and with its reason. */
@ExtendWith(PerClassFixture.class)
class DeadLetterTopologyTest {

    private static final String TOPIC = "patches";
    private static StreamingFixture fixture;

    @BeforeAll
    static void start(StreamingFixture perClass) {
        fixture = perClass;
    }

    /** Malformed values of each kind, made with the fixture (for the registry), and the reason they must get. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("not the wire format", DeadLetterReason.UNDECODABLE, f -> new byte[] {7, 1, 2}),
                bad("a schema id the registry lacks", DeadLetterReason.UNKNOWN_SCHEMA,
                        f -> new byte[] {0, 0, 0, 0x27, 0x0F, 2, 4}),
                bad("a truncated Avro payload", DeadLetterReason.UNDECODABLE,
                        f -> Arrays.copyOf(f.bytes(TOPIC, StreamingFixture.patch(0)), 20)),
                bad("a tombstone", DeadLetterReason.UNDECODABLE, f -> null),
                bad("the wrong size", DeadLetterReason.SIZE_MISMATCH,
                        f -> f.bytes(TOPIC, with(p -> p.setWidth(27).setPixels(ByteBuffer.allocate(27 * 28))))),
                bad("the wrong channels", DeadLetterReason.CHANNEL_MISMATCH,
                        f -> f.bytes(TOPIC, with(p -> p.setChannels(3).setPixels(ByteBuffer.allocate(28 * 28 * 3))))),
                bad("too few pixel bytes", DeadLetterReason.BYTE_COUNT_MISMATCH,
                        f -> f.bytes(TOPIC, with(p -> p.setPixels(ByteBuffer.allocate(100))))),
                bad("a NaN pixel", DeadLetterReason.NON_FINITE_PIXEL,
                        f -> f.bytes(TOPIC, with(p -> p.setEncoding(PixelEncoding.FLOAT32).setPixels(floats(Float.NaN))))),
                bad("a pixel above 1.0", DeadLetterReason.PIXEL_OUT_OF_RANGE,
                        f -> f.bytes(TOPIC, with(p -> p.setEncoding(PixelEncoding.FLOAT32).setPixels(floats(2f))))),
                bad("another model", DeadLetterReason.UNKNOWN_MODEL,
                        f -> f.bytes(TOPIC, with(p -> p.setModel("someone-elses-model")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void aMalformedRecordIsDeadLetteredWithItsReasonAndOriginalBytes(String what, DeadLetterReason reason,
                                                                     Function<StreamingFixture, byte[]> value) {
        byte[] bytes = value.apply(fixture);
        byte[] key = what.getBytes();
        Counter counted = fixture.meters().get("anogan.dead.letters").tag("reason", reason.name()).counter();
        double before = counted.count();
        try (DriverHarness harness = new DriverHarness(fixture, 1)) {
            harness.patches.pipeInput(new TestRecord<>(key, bytes, Instant.ofEpochMilli(1_234)));
            DeadLetter letter = harness.deadLetters.readValue();
            assertEquals(reason, letter.getReason(), letter.getReasonText());
            assertFalse(letter.getReasonText().isBlank());
            assertArrayEquals(key, array(letter.getKey()));
            assertArrayEquals(bytes, letter.getValue() == null ? null : array(letter.getValue()));
            assertEquals(TOPIC, letter.getSourceTopic());
            assertEquals(0, letter.getPartition());
            assertEquals(0L, letter.getOffset());
            assertEquals(Instant.ofEpochMilli(1_234), letter.getTimestamp());
            assertTrue(harness.scores.isEmpty());
            assertTrue(harness.deadLetters.isEmpty());
            assertEquals(before + 1, counted.count(), "anogan.dead.letters{reason=" + reason + "}");
        }
    }

    @Test
    void badRecordsBetweenGoodOnesNeitherStopNorLoseTheGoodOnes() {
        try (DriverHarness harness = new DriverHarness(fixture, 2)) {
            harness.send(StreamingFixture.patch(0));
            harness.patches.pipeInput(new byte[] {1}, new byte[] {9, 9});
            harness.send(StreamingFixture.patch(1));
            harness.patches.pipeInput(new byte[] {2}, fixture.bytes(TOPIC, with(p -> p.setModel("other"))));
            assertEquals(List.of("patch-0", "patch-1"),
                    harness.scores.readValuesToList().stream().map(s -> s.getPatchId()).toList());
            assertEquals(List.of(1L, 3L), harness.deadLetters.readValuesToList().stream()
                    .map(DeadLetter::getOffset).toList());
        }
    }

    private static Arguments bad(String what, DeadLetterReason reason, Function<StreamingFixture, byte[]> value) {
        return Arguments.of(what, reason, value);
    }

    private static ImagePatch with(java.util.function.UnaryOperator<ImagePatch.Builder> change) {
        return change.apply(ImagePatch.newBuilder(StreamingFixture.patch(0))).build();
    }

    /** A 28 x 28 float32 patch of zeros whose first value is {@code first}. */
    private static ByteBuffer floats(float first) {
        ByteBuffer pixels = ByteBuffer.allocate(28 * 28 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        pixels.putFloat(0, first);
        return pixels;
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
