package dev.anogan.stream.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The batch buffer's value format: the raw record and its origin, so that the buffer (and its changelog) needs
 * no schema registry and a restored record is decoded again with the writer's schema, like a fresh one.
 */
final class SourceRecordSerde implements Serde<SourceRecord> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<SourceRecord> serializer() {
        return (topic, record) -> record == null ? null : write(record);
    }

    @Override
    public Deserializer<SourceRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static byte[] write(SourceRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeBytes(out, record.key());
            writeBytes(out, record.value());
            out.writeUTF(record.topic());
            out.writeInt(record.partition());
            out.writeLong(record.offset());
            out.writeLong(record.timestamp());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static SourceRecord read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("Unknown batch buffer entry version " + version);
            }
            return new SourceRecord(readBytes(in), readBytes(in), in.readUTF(), in.readInt(), in.readLong(),
                    in.readLong());
        } catch (IOException e) {
            throw new SerializationException("Corrupt batch buffer entry", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
