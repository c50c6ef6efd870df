package dev.anogan.stream.web;

import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.scoring.Scorer;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** The model card of the bundle in use. */
@Controller("/api")
public class ModelController {

    private final ModelCard card;

    ModelController(ModelBundle bundle, Scorer scorer) {
        this.card = ModelCard.of(bundle.manifest(), scorer.method().name(), scorer.method().steps());
    }

    /**
     * The model in use: name and version, the active method with its calibration (threshold, quantiles) and the
     * evaluation it passed, and the input it takes (shape, encodings, pixel mapping).
     *
     * @return the model card
     */
    @Get("/model")
    public ModelCard model() {
        return card;
    }
}
