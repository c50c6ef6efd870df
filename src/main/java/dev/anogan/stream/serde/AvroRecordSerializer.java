package dev.anogan.stream.serde;

import dev.anogan.stream.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes records in the Confluent wire format ({@link WireFormat}), registering each record's schema under its
 * topic's value subject ({@link SubjectNames#valueSubject}); a caching registry client makes that a map look-up
 * after the first record. Thread-safe when the registry is.
 *
 * @param <T> the generated Avro class written
 */
public class AvroRecordSerializer<T extends SpecificRecord> {

    private final SchemaRegistry registry;
    private final Map<Class<?>, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    public AvroRecordSerializer(SchemaRegistry registry) {
        this.registry = registry;
    }

    /**
     * The wire-format bytes of {@code record} (not null) for {@code topic}.
     *
     * @throws dev.anogan.stream.registry.RegistryException when the registry refuses the schema or is unreachable
     */
    public byte[] serialize(String topic, T record) {
        int schemaId = registry.register(SubjectNames.valueSubject(topic), record.getSchema());
        return WireFormat.encode(schemaId, avroBinary(record));
    }

    private byte[] avroBinary(T record) {
        DatumWriter<T> writer = writers.computeIfAbsent(record.getClass(),
                type -> new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(type)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(record, EncoderFactory.get().directBinaryEncoder(out, null));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + record.getSchema().getFullName(), e);
        }
        return out.toByteArray();
    }
}
