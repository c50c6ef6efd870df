package dev.anogan.stream.serde;

import dev.anogan.stream.registry.RegistryException;
import dev.anogan.stream.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads records in the Confluent wire format ({@link WireFormat}) into a generated Avro class: the writer schema
 * is looked up by the id in the bytes and resolved against the class's own schema, so that records written with
 * a compatible older or newer schema decode too. One resolving reader is cached per writer schema id.
 * Thread-safe when the registry is.
 *
 * @param <T> the generated Avro class read
 */
public class AvroRecordDeserializer<T extends SpecificRecord> {

    private final SchemaRegistry registry;
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    public AvroRecordDeserializer(SchemaRegistry registry, Class<T> type) {
        this.registry = registry;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    /**
     * The record in {@code bytes}.
     *
     * @throws RecordDecodingException with the reason when the bytes do not hold one
     * @throws RegistryException       when the registry cannot be asked for the writer schema (no answer, or a
     *                                 refusal such as 401, 403 or 5xx)
     */
    public T deserialize(byte[] bytes) {
        WireFormat.Framed framed;
        try {
            framed = WireFormat.parse(bytes);
        } catch (WireFormatException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.BAD_WIRE_FORMAT, e.getMessage(), e);
        }
        DatumReader<T> reader = readerFor(framed.schemaId());
        ByteBuffer payload = framed.payload();
        BoundedDecoder decoder = new BoundedDecoder(payload.array(), payload.arrayOffset() + payload.position(),
                payload.remaining());
        T record;
        try {
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes left over after the record");
            }
        } catch (IOException | RuntimeException e) {
            throw new RecordDecodingException(RecordDecodingException.Reason.UNDECODABLE, "Cannot decode a "
                    + readerSchema.getFullName() + " written with schema " + framed.schemaId() + ": " + e, e);
        }
        return record;
    }

    private static RecordDecodingException unusable(int schemaId, RuntimeException e) {
        return new RecordDecodingException(RecordDecodingException.Reason.UNUSABLE_SCHEMA, "The registry serves "
                + "writer schema " + schemaId + ", but not as a plain Avro schema (a JSON Schema or Protobuf schema, or"
                + " an Avro schema with references, cannot be read): " + e, e);
    }

    private DatumReader<T> readerFor(int schemaId) {
        DatumReader<T> cached = readers.get(schemaId);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (RegistryException e) {
            if (e.isSchemaNotFound()) {
                throw new RecordDecodingException(RecordDecodingException.Reason.UNKNOWN_SCHEMA_ID,
                        "Writer schema " + schemaId + " is not in the registry: " + e.getMessage(), e);
            }
            if (e.status() >= 200 && e.status() < 300) {
                // It answered, with something Avro cannot parse: this id is the problem, not the registry.
                throw unusable(schemaId, e);
            }
            throw e;
        } catch (RuntimeException e) {
            // The client's Avro parser failed otherwise on the answer (Avro 1.12 throws a NullPointerException
            // for a name it cannot resolve, as in a JSON Schema's "type": "object").
            throw unusable(schemaId, e);
        }
        DatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        readers.put(schemaId, reader);
        return reader;
    }
}
