package dev.anogan.stream.web;

import dev.anogan.stream.avro.AnomalyAlert;
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
 * The live feed of the output topics: recent scores and alerts, the alerts' pictures, and the running numbers.
 * Without a Kafka cluster and schema registry there is no feed, and these answer 503.
 */
@Controller("/api")
public class FeedController {

    private final Optional<ScoreFeed> feed;
    private final ModelBundle bundle;

    FeedController(Optional<ScoreFeed> feed, ModelBundle bundle) {
        this.feed = feed;
        this.bundle = bundle;
    }

    /**
     * The newest scores, newest first.
     *
     * @param limit how many at most
     * @return the scores
     */
    @Get("/scores")
    public List<ScoreView> scores(@QueryValue(defaultValue = "50") @Min(1) @Max(10_000) int limit) {
        return feed().recentScores(limit);
    }

    /**
     * The newest alerts, newest first, each with the addresses of its patch, reconstruction and anomaly map PNGs.
     *
     * @param limit how many at most
     * @return the alerts
     */
    @Get("/alerts")
    public List<AlertView> alerts(@QueryValue(defaultValue = "20") @Min(1) @Max(10_000) int limit) {
        return feed().recentAlerts(limit).stream().map(AlertView::of).toList();
    }

    /**
     * A picture of a recent alert as a PNG: the patch as the model saw it, its reconstruction G(z), or the anomaly
     * map |patch − G(z)| scaled to its own range.
     *
     * @param patchId the alert's patch id
     * @param image   patch, reconstruction or map
     * @return the PNG; 404 when the alert is not among the recent ones
     */
    @Get("/alerts/{patchId}/{image}.png")
    @Produces(MediaType.IMAGE_PNG)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<byte[]> alertImage(String patchId, String image) {
        AlertImage kind = PictureKind.byPath(AlertImage.values(), image).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "no image '" + image + "': an alert has patch, reconstruction and map"));
        AnomalyAlert alert = feed().alert(patchId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "no recent alert for patch '" + patchId + "'"));
        byte[] png = kind.render(alert, bundle.manifest().input()).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "the alert of patch '" + patchId + "' carries no " + image
                        + " (written before alerts carried it)"));
        return HttpResponse.ok(png).contentType(MediaType.IMAGE_PNG_TYPE).header("Cache-Control", "max-age=60");
    }

    /**
     * The running numbers: throughput, end-to-end latency percentiles, counts per verdict and the score histogram.
     *
     * @return the numbers
     */
    @Get("/stats")
    public FeedStats stats() {
        return feed().stats();
    }

    private ScoreFeed feed() {
        return feed.orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                "no live feed: the service has no Kafka cluster and schema registry to read scores from "
                        + "(set anogan.streams.bootstrap-servers and anogan.registry.url); POST /api/score still works"));
    }
}
