package dev.anogan.stream.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The assembly's internal format keeps a tile's pixels, and still reads the outcomes an earlier version wrote
 * (version 1, without pixels) in the changelogs and repartition topic it finds after an upgrade.
 */
class AssemblySerdesTest {

    private final Serde<PatchOutcome> serde = AssemblySerdes.outcomes();

    @Test
    void anOutcomeKeepsItsMapAndPixels() {
        PatchOutcome outcome = new PatchOutcome("s", "i", "p", 1, 2, 1, 2, 10, 10, 4, 99L, true, 0.5f, true,
                new float[] {0.1f, 0.2f}, new float[] {-1f, 1f});
        PatchOutcome read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", outcome));
        assertArrayEquals(outcome.map(), read.map());
        assertArrayEquals(outcome.pixels(), read.pixels());
        assertEquals(outcome.patchId(), read.patchId());
    }

    @Test
    void anOutcomeOfVersionOneIsReadWithoutPixels() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("s");
            out.writeUTF("i");
            out.writeUTF("p");
            for (int v : new int[] {1, 2, 1, 1, 10, 10, 4}) {
                out.writeInt(v);
            }
            out.writeLong(99L);
            out.writeBoolean(true);
            out.writeFloat(0.5f);
            out.writeBoolean(false);
            out.writeInt(1);
            out.writeFloat(0.25f);
        }
        PatchOutcome read = serde.deserializer().deserialize("t", bytes.toByteArray());
        assertArrayEquals(new float[] {0.25f}, read.map());
        assertNull(read.pixels());
        assertEquals(0.5f, read.score());
    }

    @Test
    void aVersionFromTheFutureIsRefusedNamingIt() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize("t", new byte[] {3, 0}));
        assertEquals("Unknown image patch outcome version 3; this service reads 1 to 2", e.getMessage());
    }
}
