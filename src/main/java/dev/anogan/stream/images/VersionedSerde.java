package dev.anogan.stream.images;

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
 * An internal record format (repartition topic, stores and their changelogs): a version byte, then the fields in
 * {@link DataOutputStream}'s encoding. No registry: the service reads only what it or an earlier version of it wrote
 * (versions 1 to the current one, so that an upgrade restores the changelogs it finds). Null stays null.
 *
 * @param <T> the record
 */
final class VersionedSerde<T> implements Serde<T> {

    /** Writes the fields of a record. */
    interface Writer<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    /** Reads the fields of a record written in {@code version}. */
    interface Reader<T> {
        T read(DataInputStream in, int version) throws IOException;
    }

    private final String what;
    private final byte version;
    private final Writer<T> writer;
    private final Reader<T> reader;

    /** @param what the record's name in error messages */
    VersionedSerde(String what, byte version, Writer<T> writer, Reader<T> reader) {
        this.what = what;
        this.version = version;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private byte[] write(T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private T read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte found = in.readByte();
            if (found < 1 || found > version) {
                throw new SerializationException("Unknown " + what + " version " + found + "; this service reads 1 to "
                        + version);
            }
            return reader.read(in, found);
        } catch (IOException e) {
            throw new SerializationException("Corrupt " + what, e);
        }
    }
}
