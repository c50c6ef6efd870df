package dev.anogan.stream.web;

import dev.anogan.stream.model.InputSpec;
import dev.anogan.stream.model.Manifest.ModelInfo;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.scoring.InvalidPatchException;
import dev.anogan.stream.scoring.Patch;
import dev.anogan.stream.scoring.PatchMapper;
import dev.anogan.stream.scoring.PatchVerdict;
import dev.anogan.stream.scoring.PixelFormat;
import dev.anogan.stream.scoring.Scorer;
import dev.anogan.stream.scoring.ScoringBatcher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Scores one patch at once, without Kafka, through the batcher the streams share. */
@Controller("/api")
public class ScoreController {

    private final ScoringBatcher batcher;
    private final PatchMapper mapper;
    private final ModelInfo model;
    private final ScorePermits permits;

    ScoreController(ScoringBatcher batcher, Scorer scorer, ModelBundle bundle, ScorePermits permits) {
        this.batcher = batcher;
        this.permits = permits;
        this.mapper = scorer.mapper();
        this.model = bundle.manifest().model();
    }

    /**
     * Scores a PNG of the model's size: gray (1 to 16 bits) or gray+alpha as 1 channel, RGB, RGBA or palette as 3;
     * alpha is dropped.
     *
     * @param png    the PNG file
     * @param images also answer the patch, reconstruction and anomaly map as PNG data URIs
     * @return the verdict; 400 when the PNG is unreadable or does not fit the model (told by its header, before
     *         any pixel is decoded); 413 when the body exceeds micronaut.server.max-request-size; 503 with
     *         Retry-After when anogan.web.score.max-concurrent requests are already in progress
     */
    @Post(value = "/score", consumes = MediaType.IMAGE_PNG)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ScoreResult scorePng(@Body byte[] png, @QueryValue(defaultValue = "false") boolean images)
            throws InterruptedException {
        long started = System.nanoTime();
        try (ScorePermits.Permit permit = permits.acquire()) {
            Patch patch;
            try {
                patch = PngPatches.decode(png, mapper.spec());
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, e.getMessage());
            }
            return score(patch, images, started);
        }
    }

    /**
     * Scores raw pixels: row-major, channels interleaved, little-endian.
     *
     * @param pixels   width × height × channels values
     * @param width    pixels per row; default: the model's
     * @param height   rows; default: the model's
     * @param channels values per pixel; default: the model's
     * @param encoding uint8, uint16 or float32 (in [0, 1]); default uint8
     * @param images   also answer the patch, reconstruction and anomaly map as PNG data URIs
     * @return the verdict; 400 when the pixels do not fit the model; 413 and 503 as for a PNG
     */
    @Post(value = "/score", consumes = MediaType.APPLICATION_OCTET_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ScoreResult scoreRaw(@Body byte[] pixels, @Nullable @QueryValue Integer width,
                                @Nullable @QueryValue Integer height, @Nullable @QueryValue Integer channels,
                                @QueryValue(defaultValue = "uint8") String encoding,
                                @QueryValue(defaultValue = "false") boolean images) throws InterruptedException {
        long started = System.nanoTime();
        InputSpec spec = mapper.spec();
        Patch patch = new Patch(width != null ? width : spec.width(), height != null ? height : spec.height(),
                channels != null ? channels : spec.channels(), encoding(encoding), ByteBuffer.wrap(pixels));
        try (ScorePermits.Permit permit = permits.acquire()) {
            return score(patch, images, started);
        }
    }

    private ScoreResult score(Patch patch, boolean withImages, long started) throws InterruptedException {
        try {
            mapper.validate(patch);
        } catch (InvalidPatchException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        PatchVerdict s = batcher.score(List.of(patch)).get(0);
        double totalMillis = (System.nanoTime() - started) / 1e6;
        return new ScoreResult(model.name(), model.version(), s.method(), s.score(), s.parts(), s.threshold(),
                s.anomalous(), s.percentile(), s.steps(),
                new ScoreResult.Latency(s.latencyNanos() / 1e6, s.batchSize(), totalMillis),
                withImages ? images(patch, s) : null);
    }

    private Map<String, String> images(Patch patch, PatchVerdict s) {
        InputSpec in = mapper.spec();
        Map<String, String> uris = new LinkedHashMap<>();
        uris.put("patch", PngRenderer.dataUri(PngRenderer.overModelRange(pixels(mapper.modelView(patch)), in)));
        s.reconstruction().ifPresent(r -> uris.put("reconstruction",
                PngRenderer.dataUri(PngRenderer.overModelRange(pixels(r), in))));
        s.anomalyMap().ifPresent(m -> uris.put("map", PngRenderer.dataUri(PngRenderer.overOwnRange(pixels(m)))));
        return uris;
    }

    private FloatPixels pixels(float[] chw) {
        InputSpec in = mapper.spec();
        return FloatPixels.channelsFirst(chw, in.channels(), in.height(), in.width());
    }

    private static PixelFormat encoding(String name) {
        try {
            return PixelFormat.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "encoding '" + name + "' is unknown: use one of "
                    + Arrays.stream(PixelFormat.values()).map(PixelFormat::manifestName)
                    .collect(Collectors.joining(", ")));
        }
    }
}
