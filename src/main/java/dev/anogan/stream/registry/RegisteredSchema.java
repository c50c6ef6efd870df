package dev.anogan.stream.registry;

import org.apache.avro.Schema;

/**
 * One version of a subject.
 *
 * @param id      the schema's registry-wide id (the one in the wire format)
 * @param version the version within the subject, from 1
 * @param schema  the schema
 */
public record RegisteredSchema(int id, int version, Schema schema) {
}
