package dev.anogan.stream.topology;

import dev.anogan.stream.avro.DeadLetterReason;
import dev.anogan.stream.avro.ImageGeometry;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PixelEncoding;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.scoring.InvalidPatchException;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PatchMapper;
import dev.anogan.stream.scoring.PixelFormat;
import dev.anogan.stream.serde.AvroRecordDeserializer;
import dev.anogan.stream.serde.RecordDecodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns an input value into a patch the model can score, or says why not: undecodable bytes, an unknown writer
 * schema or one that is not a plain Avro schema (a JSON Schema or Protobuf id, an Avro schema with references),
 * metadata too large to copy into the outputs, a tile that does not lie within its image, a patch that does not fit
 * the model, or a patch meant for another
 * model. Thread-safe; holds nothing to close. A registry that cannot be reached or refuses the service (401, 403,
 * 5xx) is not the record's fault: its exception passes through, and the stream thread is replaced a bounded
 * number of times ({@link StreamsMonitor#threadFailed}).
 */
final class PatchDecoder {

    private final AvroRecordDeserializer<ImagePatch> deserializer;
    private final PatchMapper mapper;
    private final String modelName;

    private final int maxMetadataBytes;

    /** The largest image whose anomaly map is stitched: 2^28 pixels (16384 x 16384), 1 GiB of float32. */
    static final long MAX_IMAGE_PIXELS = 1L << 28;

    /** @param maxMetadataBytes most UTF-8 bytes of a patch's metadata keys and values together */
    PatchDecoder(SchemaRegistry registry, PatchMapper mapper, String modelName, int maxMetadataBytes) {
        this.deserializer = new AvroRecordDeserializer<>(registry, ImagePatch.class);
        this.mapper = mapper;
        this.modelName = modelName;
        this.maxMetadataBytes = maxMetadataBytes;
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
        long metadataBytes = metadataBytes(patch.getMetadata());
        if (metadataBytes > maxMetadataBytes) {
            throw new RejectedRecordException(DeadLetterReason.METADATA_TOO_LARGE, "patch metadata has "
                    + metadataBytes + " bytes, more than the " + maxMetadataBytes + " allowed (anogan.streams."
                    + "max-metadata-bytes): it is copied into every score and alert", null);
        }
        if (patch.getModel() != null && !patch.getModel().equals(modelName)) {
            throw new RejectedRecordException(DeadLetterReason.UNKNOWN_MODEL, "patch asks for model '"
                    + patch.getModel() + "' but this service scores with '" + modelName + "'", null);
        }
        String geometry = geometryProblem(patch);
        if (geometry != null) {
            throw new RejectedRecordException(DeadLetterReason.INVALID_GEOMETRY, geometry, null);
        }
        try {
            mapper.validate(toScoring(patch));
        } catch (InvalidPatchException e) {
            throw new RejectedRecordException(deadLetterReason(e.reason()), e.getMessage(), e);
        }
        return patch;
    }

    private static long metadataBytes(Map<String, String> metadata) {
        long bytes = 0;
        if (metadata != null) {
            for (Map.Entry<String, String> entry : metadata.entrySet()) {
                bytes += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
            }
        }
        return bytes;
    }

    private static long utf8Length(CharSequence text) {
        return text == null ? 0 : text.toString().getBytes(StandardCharsets.UTF_8).length;
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

    /** The scorer's view of a patch record: a tile of an image asks for its anomaly map, which the image needs. */
    static Patch toScoring(ImagePatch patch) {
        return new Patch(patch.getWidth(), patch.getHeight(), patch.getChannels(),
                pixelFormat(patch.getEncoding()), patch.getPixels().duplicate(), patch.getGeometry() != null);
    }

    /** Why the patch does not lie within the image it says it is a tile of; null when it does (or has no image). */
    private static String geometryProblem(ImagePatch patch) {
        ImageGeometry image = patch.getGeometry();
        if (image == null) {
            return null;
        }
        if (image.getImageWidth() <= 0 || image.getImageHeight() <= 0 || image.getPatchCount() <= 0) {
            return "image geometry " + image.getImageWidth() + "x" + image.getImageHeight() + " with "
                    + image.getPatchCount() + " patches: all three must be positive";
        }
        if ((long) image.getImageWidth() * image.getImageHeight() > MAX_IMAGE_PIXELS) {
            return "image of " + image.getImageWidth() + "x" + image.getImageHeight() + " pixels: at most "
                    + MAX_IMAGE_PIXELS + " pixels are stitched";
        }
        if (patch.getX() < 0 || patch.getY() < 0 || patch.getX() + patch.getWidth() > image.getImageWidth()
                || patch.getY() + patch.getHeight() > image.getImageHeight()) {
            return "patch " + patch.getWidth() + "x" + patch.getHeight() + " at (" + patch.getX() + ", "
                    + patch.getY() + ") does not lie within its " + image.getImageWidth() + "x"
                    + image.getImageHeight() + " image";
        }
        return null;
    }

    private static PixelFormat pixelFormat(PixelEncoding encoding) {
        return switch (encoding) {
            case UINT8 -> PixelFormat.UINT8;
            case UINT16 -> PixelFormat.UINT16;
            case FLOAT32 -> PixelFormat.FLOAT32;
        };
    }
}
