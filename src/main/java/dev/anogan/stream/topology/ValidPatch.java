package dev.anogan.stream.topology;

import dev.anogan.stream.avro.ImagePatch;

/**
 * An input record that passed validation, and the patch decoded from it.
 *
 * @param source the record as it arrived (what the buffer store keeps and a dead letter carries)
 * @param patch  its value, decoded and checked against the model
 */
record ValidPatch(SourceRecord source, ImagePatch patch) {
}
