package dev.anogan.stream.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Confluent wire format: magic byte, big-endian schema id, Avro payload. */
class WireFormatTest {

    @Test
    void encodeWritesTheMagicByteThenTheIdBigEndianThenThePayload() {
        byte[] framed = WireFormat.encode(0x0A0B0C0D, new byte[] {7, 8, 9});

        assertArrayEquals(new byte[] {0x00, 0x0A, 0x0B, 0x0C, 0x0D, 7, 8, 9}, framed);
    }

    @Test
    void parseReturnsTheIdAndThePayloadAfterTheHeader() {
        WireFormat.Framed framed = WireFormat.parse(new byte[] {0x00, 0x00, 0x0F, 0x42, 0x40, 7, 8, 9});

        assertEquals(1_000_000, framed.schemaId());
        assertEquals(ByteBuffer.wrap(new byte[] {7, 8, 9}), framed.payload());
    }

    @Test
    void aHeaderWithAnEmptyPayloadParses() {
        WireFormat.Framed framed = WireFormat.parse(new byte[] {0x00, 0x00, 0x00, 0x00, 0x07});

        assertEquals(7, framed.schemaId());
        assertEquals(0, framed.payload().remaining());
    }

    static Stream<Arguments> tooShort() {
        return Stream.of(Arguments.of((Object) null), Arguments.of((Object) new byte[0]),
                Arguments.of((Object) new byte[] {0x00, 0x00, 0x00, 0x01}));
    }

    @ParameterizedTest
    @MethodSource("tooShort")
    void inputShorterThanTheHeaderIsTooShort(byte[] bytes) {
        WireFormatException e = assertThrows(WireFormatException.class, () -> WireFormat.parse(bytes));

        assertEquals(WireFormatException.Reason.TOO_SHORT, e.reason());
        assertTrue(e.getMessage().contains("expected at least 5 bytes"), e.getMessage());
    }

    @Test
    void anotherFirstByteIsABadMagicByte() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> WireFormat.parse(new byte[] {0x01, 0x00, 0x00, 0x00, 0x01, 2}));

        assertEquals(WireFormatException.Reason.BAD_MAGIC_BYTE, e.reason());
        assertTrue(e.getMessage().contains("magic byte 0x01, expected 0x00"), e.getMessage());
    }
}
