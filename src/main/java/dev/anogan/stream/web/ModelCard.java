package dev.anogan.stream.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.model.Calibration;
import dev.anogan.stream.model.InputSpec;
import dev.anogan.stream.model.Manifest;
import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * What the service scores with, from the bundle's manifest.
 *
 * @param name       model name
 * @param version    model version
 * @param method     the method in use, with its calibration and evaluation
 * @param methods    every method the bundle offers
 * @param evaluation the evaluation the bundle passed: dataset, normal classes, per-method results and the kNN-5
 *                   and PCA baselines of the same test patches
 * @param input      the patches the model takes
 */
@Introspected
public record ModelCard(String name, String version, ActiveMethod method, List<String> methods, JsonNode evaluation,
                        Input input) {

    /**
     * The method in use.
     *
     * @param steps           search steps per patch (0: no search)
     * @param evaluation      this method's results: AUROC, AUPRC, ms per patch, ...
     * @param hyperparameters as the trainer recorded them
     */
    @Introspected
    public record ActiveMethod(String name, int steps, CalibrationCard calibration, JsonNode evaluation,
                               JsonNode hyperparameters) {
    }

    /**
     * The score distribution of calibration normals (patches no model choice saw) at the steps in use.
     *
     * @param threshold                 scores above it are anomalous
     * @param falsePositiveRate         the share of normal patches the threshold was set to flag
     * @param patches                   how many normal patches calibrated it
     * @param quantiles                 scores at the manifest's quantiles (0.5, 0.9, 0.99, ...)
     * @param falsePositiveRateInterval the 95 % range of the rate on new normal patches, and how many calibration
     *                                  patches lie beyond the threshold
     */
    @Introspected
    public record CalibrationCard(double threshold, double falsePositiveRate, int patches, JsonNode quantiles,
                                  JsonNode falsePositiveRateInterval) {
    }

    /**
     * The patches the model takes.
     *
     * @param encodings    pixel encodings accepted
     * @param pixelMapping how raw pixels map into the model's range (formula, scale, offset, padding)
     */
    @Introspected
    public record Input(int channels, int height, int width, JsonNode encodings, JsonNode pixelMapping) {
    }

    static ModelCard of(Manifest manifest, String method, int steps) {
        JsonNode doc = manifest.document();
        JsonNode methodNode = doc.path("methods").path(method);
        Calibration cal = manifest.method(method).calibration(steps).orElseThrow();
        JsonNode calNode = methodNode.path("calibrations").path(Integer.toString(steps));
        if (calNode.isMissingNode()) {
            calNode = methodNode.path("calibration");
        }
        InputSpec in = manifest.input();
        return new ModelCard(manifest.model().name(), manifest.model().version(),
                new ActiveMethod(method, steps,
                        new CalibrationCard(cal.threshold(), cal.falsePositiveRate(), cal.patches(),
                                calNode.path("quantiles"), calNode.path("false_positive_rate_interval")),
                        methodNode.path("evaluation"), methodNode.path("hyperparameters")),
                List.copyOf(manifest.methods().keySet()), doc.path("evaluation"),
                new Input(in.channels(), in.height(), in.width(), doc.path("input").path("encodings"),
                        doc.path("input").path("pixel_mapping")));
    }
}
