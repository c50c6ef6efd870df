package dev.anogan.stream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** The topics' schemas as they were before an optional field, and records written and read with them. */
final class EarlierSchemas {

    private EarlierSchemas() {
    }

    /** {@code current} without its field {@code field}: the schema as it was before the field came. */
    static Schema without(Schema current, String field) {
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream().filter(f -> !f.name().equals(field))
                        .map(f -> new Schema.Field(f, f.schema())).toList());
    }

    /** Avro binary of {@code record}'s fields that {@code older} has, as a writer with {@code older} wrote them. */
    static byte[] writtenWith(Schema older, SpecificRecord record) {
        GenericRecord written = new GenericData.Record(older);
        older.getFields().forEach(f -> written.put(f.name(), record.get(record.getSchema().getField(f.name()).pos())));
        return encode(new GenericDatumWriter<>(older, SpecificData.getForClass(record.getClass())), written);
    }

    /** Avro binary of {@code record} with its own (current) schema. */
    static <T extends SpecificRecord> byte[] written(T record) {
        return encode(new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(record.getClass())),
                record);
    }

    /** Reads Avro binary written with {@code writer} as a reader with {@code older} would. */
    static GenericRecord readWith(Schema older, Schema writer, byte[] bytes) {
        try {
            return new GenericDatumReader<GenericRecord>(writer, older, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> byte[] encode(org.apache.avro.io.DatumWriter<T> writer, T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
