package dev.anogan.stream.kafka;

import dev.anogan.stream.registry.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka serdes of the topic records, on a schema registry that the caller owns. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde of {@code type} in the Confluent wire format. */
    public static <T extends SpecificRecord> Serde<T> of(SchemaRegistry registry, Class<T> type) {
        return Serdes.serdeFrom(new KafkaAvroSerializer<>(registry), new KafkaAvroDeserializer<>(registry, type));
    }
}
