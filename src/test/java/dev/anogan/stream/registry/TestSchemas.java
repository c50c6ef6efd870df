package dev.anogan.stream.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Versions of one record for compatibility tests; which pairs are compatible in which direction is noted. */
final class TestSchemas {

    /** {@code count: int}. */
    static final Schema COUNT = RegistryClientTest.READING;

    /** COUNT plus an optional label: FULL-compatible with COUNT. */
    static final Schema COUNT_LABEL_OPTIONAL = RegistryClientTest.READING_WITH_LABEL;

    /** COUNT plus a required label: BACKWARD-incompatible (no default to read COUNT's data), FORWARD-compatible. */
    static final Schema COUNT_LABEL_REQUIRED = SchemaBuilder.record("Reading").namespace("test")
            .fields().requiredInt("count").requiredString("label").endRecord();

    /** No fields: BACKWARD-compatible with COUNT (the reader skips count), FORWARD-incompatible (count missing). */
    static final Schema EMPTY = SchemaBuilder.record("Reading").namespace("test").fields().endRecord();

    /** count as a string with a default: reads EMPTY's data, not COUNT's (int is not promoted to string). */
    static final Schema COUNT_AS_TEXT = SchemaBuilder.record("Reading").namespace("test")
            .fields().name("count").type().stringType().stringDefault("").endRecord();

    private TestSchemas() {
    }
}
