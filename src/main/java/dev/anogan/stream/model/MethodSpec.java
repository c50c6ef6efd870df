package dev.anogan.stream.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * One scoring method of a bundle.
 *
 * @param name            {@code feature-knn}, {@code anogan}, {@code hybrid}, {@code egbad} or {@code egbad-ce}
 * @param graph           the ONNX file that computes the scores
 * @param encoderGraph    the ONNX file that gives the search its start, for the hybrid
 * @param scoreOutput     the graph output that is the anomaly score
 * @param steps           default number of search steps (0 for a method without search)
 * @param calibrations    a calibration per search step count the bundle was calibrated for (the default among them)
 * @param hyperparameters as recorded by the trainer
 * @param imageCalibration the image-level threshold at the default steps, if the bundle was calibrated on images
 */
public record MethodSpec(
        String name,
        String graph,
        Optional<String> encoderGraph,
        String scoreOutput,
        int steps,
        Map<Integer, Calibration> calibrations,
        JsonNode hyperparameters,
        Optional<ImageCalibration> imageCalibration) {

    public MethodSpec {
        calibrations = Map.copyOf(calibrations);
        if (!calibrations.containsKey(steps)) {
            throw new IllegalArgumentException(name + ": no calibration for its default " + steps + " steps");
        }
    }

    /** The score distribution of calibration normals and the threshold, at the default steps. */
    public Calibration calibration() {
        return calibrations.get(steps);
    }

    /** The calibration for a number of search steps, if the bundle has one. */
    public Optional<Calibration> calibration(int steps) {
        return Optional.ofNullable(calibrations.get(steps));
    }

    /** The image-level calibration for a number of search steps: the bundle's belongs to the default steps only. */
    public Optional<ImageCalibration> imageCalibration(int steps) {
        return steps == this.steps ? imageCalibration : Optional.empty();
    }
}
