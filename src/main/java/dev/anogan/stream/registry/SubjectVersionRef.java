package dev.anogan.stream.registry;

/** A version of a subject, as {@code GET /schemas/ids/{id}/versions} lists them. */
record SubjectVersionRef(String subject, int version) {
}
