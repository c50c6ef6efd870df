package dev.anogan.stream.registry;

import org.apache.avro.Schema;

/**
 * The part of a Confluent-style schema registry that the service uses: schemas are registered under subjects
 * (one per topic and side, e.g. {@code patches-value}), get a registry-wide id, and a version per subject.
 * Failures raise {@link RegistryException}.
 */
public interface SchemaRegistry {

    /**
     * Registers {@code schema} under {@code subject}, or finds it there when it already is.
     *
     * @return the schema's registry-wide id; the same id for the same schema
     * @throws RegistryException with status 409 when the subject's compatibility level refuses the schema
     */
    int register(String subject, Schema schema);

    /**
     * The schema with registry id {@code id}.
     *
     * @throws RegistryException with status 404 and error code 40403 when there is none
     *                           ({@link RegistryException#isSchemaNotFound()})
     */
    Schema schemaById(int id);

    /**
     * The newest schema registered under {@code subject}.
     *
     * @throws RegistryException with status 404 and error code 40401 when the subject has none
     */
    RegisteredSchema latest(String subject);

    /** Whether {@code schema} is compatible with {@code subject}'s latest schema at the subject's level. */
    boolean isCompatible(String subject, Schema schema);
}
