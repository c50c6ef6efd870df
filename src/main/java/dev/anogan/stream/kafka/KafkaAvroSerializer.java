package dev.anogan.stream.kafka;

import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.serde.AvroRecordSerializer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Kafka's view of {@link AvroRecordSerializer}: Confluent wire format, schema registered under
 * {@code <topic>-value}; null (a tombstone) stays null. Holds nothing to close; the registry is the caller's.
 *
 * @param <T> the generated Avro class written
 */
public final class KafkaAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final AvroRecordSerializer<T> serializer;

    public KafkaAvroSerializer(SchemaRegistry registry) {
        this.serializer = new AvroRecordSerializer<>(registry);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        try {
            return serializer.serialize(topic, record);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot serialize a " + record.getSchema().getFullName() + " for topic "
                    + topic + ": " + e.getMessage(), e);
        }
    }
}
