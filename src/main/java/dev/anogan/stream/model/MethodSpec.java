package dev.anogan.stream.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One scoring method of a bundle.
 *
 * @param name            {@code anogan}, {@code hybrid} or {@code egbad}
 * @param graph           the ONNX file that computes the scores
 * @param encoderGraph    the ONNX file that gives the search its start, for the hybrid
 * @param scoreOutput     the graph output that is the anomaly score
 * @param steps           default number of search steps (0 for a method without search)
 * @param calibration     the score distribution of held-out normal patches and the threshold
 * @param hyperparameters as recorded by the trainer
 */
public record MethodSpec(
        String name,
        String graph,
        Optional<String> encoderGraph,
        String scoreOutput,
        int steps,
        Calibration calibration,
        JsonNode hyperparameters) {
}
