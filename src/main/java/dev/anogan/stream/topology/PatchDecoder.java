package dev.anogan.stream.topology;

import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.scoring.InvalidPatchException;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PatchMapper;
import dev.anogan.stream.scoring.PixelEncoding;
import dev.anogan.stream.serde.AvroRecordDeserializer;
import dev.anogan.stream.serde.RecordDecodingException;

/**
 * Turns an input value into a patch the model can score, or says why not: undecodable bytes, an unknown writer
 * schema, a patch that does not fit the model, or a patch meant for another model. Thread-safe; holds nothing to
 * close. A registry that cannot be reached is not the record's fault: its exception passes through.
 */
final class PatchDecoder {

    private final AvroRecordDeserializer<ImagePatch> deserializer;
    private final PatchMapper mapper;
    private final String modelName;

    PatchDecoder(SchemaRegistry registry, PatchMapper mapper, String modelName) {
        this.deserializer = new AvroRecordDeserializer<>(registry, ImagePatch.class);
        this.mapper = mapper;
        this.modelName = modelName;
    }

    /**
     * The valid patch in {@code value}.
     *
     * @throws RejectedRecordException with the dead-letter reason when there is none
     */
    ImagePatch decode(byte[] value) {
        if (value == null) {
            throw new RejectedRecordException(DeadLetterReason.UNDECODABLE, "the record has no value", null);
        }
        ImagePatch patch;
        try {
            patch = deserializer.deserialize(value);
        } catch (RecordDecodingException e) {
            throw new RejectedRecordException(e.reason().deadLetterReason(), e.getMessage(), e);
        }
        if (patch.getModel() != null && !patch.getModel().equals(modelName)) {
            throw new RejectedRecordException(DeadLetterReason.UNKNOWN_MODEL, "patch asks for model '"
                    + patch.getModel() + "' but this service scores with '" + modelName + "'", null);
        }
        try {
            mapper.validate(toScoring(patch));
        } catch (InvalidPatchException e) {
            throw new RejectedRecordException(deadLetterReason(e.reason()), e.getMessage(), e);
        }
        return patch;
    }

    private static DeadLetterReason deadLetterReason(InvalidPatchException.Reason reason) {
        return switch (reason) {
            case SIZE_MISMATCH -> DeadLetterReason.SIZE_MISMATCH;
            case CHANNEL_MISMATCH -> DeadLetterReason.CHANNEL_MISMATCH;
            case BYTE_COUNT_MISMATCH -> DeadLetterReason.BYTE_COUNT_MISMATCH;
            case NON_FINITE_PIXEL -> DeadLetterReason.NON_FINITE_PIXEL;
            case PIXEL_OUT_OF_RANGE -> DeadLetterReason.PIXEL_OUT_OF_RANGE;
        };
    }

    /** The scorer's view of a patch record. */
    static Patch toScoring(ImagePatch patch) {
        return new Patch(patch.getWidth(), patch.getHeight(), patch.getChannels(),
                PixelEncoding.valueOf(patch.getEncoding().name()), patch.getPixels().duplicate());
    }
}
