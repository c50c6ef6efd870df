package dev.anogan.stream.images;

import dev.anogan.stream.avro.DeadLetter;
import dev.anogan.stream.avro.FloatImage;
import dev.anogan.stream.avro.ImageGeometry;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.avro.PatchScore;
import dev.anogan.stream.registry.SchemaRegistry;
import dev.anogan.stream.serde.AvroRecordDeserializer;
import dev.anogan.stream.serde.RecordDecodingException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the scoring path wrote into what the assembly needs: the outcome of a tile of an image. Scores and
 * dead letters of patches without a geometry have none. A dead letter's image is read from the original patch
 * bytes it carries; one whose bytes do not decode (its image cannot be told) has none either, and its image ends
 * with the patch missing. Records that do not decode are skipped with a warning: the scoring path wrote them, so
 * only a foreign writer on its topics makes any. A registry that cannot be reached passes through (the stream
 * thread is replaced, as in the scoring path). Thread-safe.
 */
final class PatchOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(PatchOutcomes.class);

    private final AvroRecordDeserializer<PatchScore> scores;
    private final AvroRecordDeserializer<DeadLetter> deadLetters;
    private final AvroRecordDeserializer<ImagePatch> patches;

    PatchOutcomes(SchemaRegistry registry) {
        this.scores = new AvroRecordDeserializer<>(registry, PatchScore.class);
        this.deadLetters = new AvroRecordDeserializer<>(registry, DeadLetter.class);
        this.patches = new AvroRecordDeserializer<>(registry, ImagePatch.class);
    }

    /** The outcome of a scored tile, from a {@code PatchScore} value. */
    Optional<PatchOutcome> ofScore(byte[] value) {
        PatchScore score = decode(scores, value, "score");
        if (score == null || score.getGeometry() == null) {
            return Optional.empty();
        }
        FloatImage map = score.getAnomalyMap();
        if (map == null) {
            LOG.warn("Score of patch {} of image {} has a geometry but no anomaly map; its image will miss it",
                    score.getPatchId(), score.getImageId());
            return Optional.empty();
        }
        ImageGeometry image = score.getGeometry();
        return Optional.of(new PatchOutcome(score.getSourceId(), score.getImageId(), score.getPatchId(),
                score.getX(), score.getY(), map.getWidth(), map.getHeight(), image.getImageWidth(),
                image.getImageHeight(), image.getPatchCount(), score.getCaptureTime().toEpochMilli(), true,
                score.getScore(), score.getAnomalous(), channelMean(map),
                score.getPatch() == null ? null : values(score.getPatch())));
    }

    /** The outcome of a dead-lettered tile, from a {@code DeadLetter} value. */
    Optional<PatchOutcome> ofDeadLetter(byte[] value) {
        DeadLetter letter = decode(deadLetters, value, "dead letter");
        if (letter == null || letter.getValue() == null) {
            return Optional.empty();
        }
        ImagePatch patch;
        try {
            patch = patches.deserialize(bytes(letter.getValue()));
        } catch (RecordDecodingException e) {
            return Optional.empty();
        }
        ImageGeometry image = patch.getGeometry();
        if (image == null) {
            return Optional.empty();
        }
        return Optional.of(new PatchOutcome(patch.getSourceId(), patch.getImageId(), patch.getPatchId(),
                patch.getX(), patch.getY(), patch.getWidth(), patch.getHeight(), image.getImageWidth(),
                image.getImageHeight(), image.getPatchCount(), patch.getCaptureTime().toEpochMilli(), false, 0f,
                false, null, null));
    }

    private static <T extends SpecificRecord> T decode(AvroRecordDeserializer<T> deserializer, byte[] value,
                                                       String what) {
        if (value == null) {
            return null;
        }
        try {
            return deserializer.deserialize(value);
        } catch (RecordDecodingException e) {
            LOG.warn("Skipping a {} that does not decode: {}", what, e.getMessage());
            return null;
        }
    }

    /** A map's values averaged over its channels: {@code height × width}, row-major. */
    static float[] channelMean(FloatImage map) {
        int pixels = map.getWidth() * map.getHeight();
        int channels = map.getChannels();
        ByteBuffer values = map.getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] mean = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += values.getFloat();
            }
            mean[i] = sum / channels;
        }
        return mean;
    }

    /** A float image's values as they lie: {@code height × width × channels}, row-major, channels interleaved. */
    static float[] values(FloatImage image) {
        ByteBuffer values = image.getValues().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[values.remaining() / Float.BYTES];
        values.asFloatBuffer().get(out);
        return out;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
