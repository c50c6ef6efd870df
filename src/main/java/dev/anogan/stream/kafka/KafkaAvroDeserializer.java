package dev.anogan.stream.kafka;

import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.serde.AvroRecordDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka's view of {@link AvroRecordDeserializer}: resolves the writer's schema by the id in the bytes; null (a
 * tombstone) stays null. Holds nothing to close; the registry is the caller's.
 *
 * @param <T> the generated Avro class read
 */
public final class KafkaAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final AvroRecordDeserializer<T> deserializer;
    private final Class<T> type;

    public KafkaAvroDeserializer(SchemaRegistry registry, Class<T> type) {
        this.deserializer = new AvroRecordDeserializer<>(registry, type);
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return deserializer.deserialize(data);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot read a " + type.getSimpleName() + " from topic " + topic + ": "
                    + e.getMessage(), e);
        }
    }
}
