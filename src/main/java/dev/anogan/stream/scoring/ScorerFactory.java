package dev.anogan.stream.scoring;

import ai.onnxruntime.OrtEnvironment;
import dev.anogan.stream.model.Calibration;
import dev.anogan.stream.model.GraphSignature;
import dev.anogan.stream.model.InputSpec;
import dev.anogan.stream.model.Manifest;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import java.util.ArrayList;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;
import java.util.TreeSet;

/** Builds the {@link Scorer} of a method from a loaded bundle and the scoring configuration. */
public final class ScorerFactory {

    private final OrtEnvironment environment;
    private final ModelBundle bundle;

    public ScorerFactory(OrtEnvironment environment, ModelBundle bundle) {
        this.environment = environment;
        this.bundle = bundle;
    }

    /**
     * The configured method (or the manifest's default) with the configured or the manifest's steps.
     *
     * @throws ConfigurationException naming {@code anogan.scoring.steps} when the bundle has no calibration for
     *                                the configured steps: its threshold would promise a false-positive rate it does
     *                                not hold
     */
    public Scorer create(ScoringConfiguration config) {
        Manifest manifest = bundle.manifest();
        MethodSpec spec = manifest.method(config.getMethod().orElse(manifest.defaultMethod()));
        int steps = config.getSteps().orElse(spec.steps());
        if (spec.calibration(steps).isEmpty()) {
            throw new ConfigurationException(ScoringConfiguration.PREFIX + ".steps = " + steps + ": the bundle calibrates "
                    + spec.name() + " only at " + new TreeSet<>(spec.calibrations().keySet())
                    + " steps; set one of these (or leave it unset for " + spec.steps() + ")");
        }
        return create(spec, steps, config.getSeed());
    }

    /** A scorer for a method of the bundle with a number of search steps that the bundle calibrates. */
    public Scorer create(MethodSpec spec, int steps, long seed) {
        Manifest manifest = bundle.manifest();
        InputSpec input = manifest.input();
        ModelInput images = new ModelInput(environment, new long[] {input.channels(), input.modelHeight(), input.modelWidth()});
        OrtOutputs outputs = new OrtOutputs(spec.scoreOutput(), partOutputs(manifest.graphs().get(spec.graph())));
        ScoringMethod method;
        if (takesSteps(manifest.graphs().get(spec.graph()))) {
            LatentStart start = spec.encoderGraph()
                    .<LatentStart>map(g -> new EncoderLatentStart(environment, bundle.session(g), manifest.latentDim()))
                    .orElseGet(() -> new RandomLatentStart(environment, manifest.latentDim(), seed));
            method = new SearchMethod(spec.name(), images, bundle.session(spec.graph()), start, outputs, steps);
        } else {
            method = new ForwardMethod(spec.name(), images, bundle.session(spec.graph()), outputs);
        }
        Calibration calibration = spec.calibration(steps).orElseThrow(() -> new IllegalArgumentException(
                spec.name() + " has no calibration for " + steps + " steps; calibrated: " + spec.calibrations().keySet()));
        return new Scorer(method, new PatchMapper(input), calibration);
    }

    /** A search graph is one that takes the number of steps. */
    private static boolean takesSteps(GraphSignature signature) {
        return signature.inputs().stream().anyMatch(t -> t.name().equals("steps"));
    }

    /** Per-patch outputs ([N]) other than scores are the score's parts. */
    private static List<String> partOutputs(GraphSignature signature) {
        List<String> parts = new ArrayList<>();
        for (GraphSignature.TensorSpec t : signature.outputs()) {
            if (t.shape().length == 1 && !t.name().startsWith("score")) {
                parts.add(t.name());
            }
        }
        return parts;
    }
}
