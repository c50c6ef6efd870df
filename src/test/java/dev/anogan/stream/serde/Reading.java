package dev.anogan.stream.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecordBase;

/** A hand-written specific record with an int and a string: small enough to encode by hand. */
public class Reading extends SpecificRecordBase {

    public static final Schema SCHEMA$ = SchemaBuilder.record("Reading").namespace("dev.anogan.stream.serde")
            .fields().requiredInt("count").requiredString("label").endRecord();

    private int count;
    private String label;

    public Reading() {
    }

    public Reading(int count, String label) {
        this.count = count;
        this.label = label;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return field == 0 ? count : label;
    }

    @Override
    public void put(int field, Object value) {
        if (field == 0) {
            count = (Integer) value;
        } else {
            label = value.toString();
        }
    }
}
