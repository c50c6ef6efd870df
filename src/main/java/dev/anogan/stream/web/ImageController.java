package dev.anogan.stream.web;

import dev.anogan.stream.avro.ImageVerdict;
import dev.anogan.stream.model.ModelBundle;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;

/**
 * The image verdicts as the verdicts topic's consumers read them: the newest verdicts and their pictures. Without a
 * Kafka cluster and schema registry, or with image verdicts turned off, these answer 503.
 */
@Controller("/api/images")
public class ImageController {

    private final Optional<ImageFeed> feed;
    private final ModelBundle bundle;

    ImageController(Optional<ImageFeed> feed, ModelBundle bundle) {
        this.feed = feed;
        this.bundle = bundle;
    }

    /**
     * The newest image verdicts, newest decision first: ids, status and patch counts, the score, threshold and
     * verdict with its aggregation, the anomalous patches, and the addresses of its PNGs.
     *
     * @param limit how many at most
     * @return the verdicts
     */
    @Get
    public List<ImageVerdictView> images(@QueryValue(defaultValue = "20") @Min(1) @Max(10_000) int limit) {
        return feed().recent(limit).stream().map(ImageVerdictView::of).toList();
    }

    /**
     * A picture of a recent verdict as a PNG, at the verdict's map scale: {@code overlay} (the image with the
     * stitched anomaly map as a heat map, from transparent at 0 to its own maximum, and the anomalous patches
     * outlined in cyan), {@code image} (the image as the model saw it) or {@code map} (the stitched map over its
     * own range, uncovered pixels black).
     *
     * @param imageId the verdict's image id
     * @param picture overlay, image or map
     * @return the PNG; 404 when the verdict is not among the recent ones or has no such picture
     */
    @Get("/{imageId}/{picture}.png")
    @Produces(MediaType.IMAGE_PNG)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> picture(String imageId, String picture) {
        VerdictPicture kind = PictureKind.byPath(VerdictPicture.values(), picture).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "no picture '" + picture + "': a verdict has overlay, image and map"));
        ImageVerdict verdict = feed().verdict(imageId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "no recent verdict on image '" + imageId + "'"));
        byte[] png = kind.render(verdict, bundle.manifest().input()).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "the verdict on image '" + imageId + "' has no " + picture + " ("
                        + (verdict.getAnomalyMap() == null ? "no patch of it was scored"
                        : "written before verdicts carried the image") + ")"));
        return HttpResponse.ok(png).contentType(MediaType.IMAGE_PNG_TYPE).header("Cache-Control", "max-age=60");
    }

    private ImageFeed feed() {
        return feed.orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                "no image feed: the service has no Kafka cluster and schema registry to read verdicts from, or "
                        + "image verdicts are off (anogan.images.enabled=false)"));
    }
}
