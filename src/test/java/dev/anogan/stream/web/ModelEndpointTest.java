package dev.anogan.stream.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anogan.stream.model.Manifest;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.Api;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/model shows the manifest of the bundle in use and the method configured. */
class ModelEndpointTest {

    @Test
    void theModelCardShowsTheActiveMethodItsCalibrationAndEvaluation() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("micronaut.server.port", -1, "anogan.scoring.method", "egbad"))) {
            Manifest manifest = server.getApplicationContext().getBean(ModelBundle.class).manifest();
            MethodSpec egbad = manifest.method("egbad");
            JsonNode doc = manifest.document();
            JsonNode card = new Api(server.getURL()).getJson("/api/model");

            assertEquals(manifest.model().name(), card.get("name").asText());
            assertEquals(manifest.model().version(), card.get("version").asText());
            JsonNode method = card.get("method");
            assertEquals("egbad", method.get("name").asText());
            assertEquals(egbad.calibration().threshold(), method.get("calibration").get("threshold").doubleValue());
            assertEquals(egbad.calibration().falsePositiveRate(),
                    method.get("calibration").get("falsePositiveRate").doubleValue());
            assertEquals(doc.at("/methods/egbad/calibration/quantiles"), method.get("calibration").get("quantiles"));
            assertEquals(doc.at("/methods/egbad/evaluation/auroc").doubleValue(),
                    method.get("evaluation").get("auroc").doubleValue());
            assertEquals(doc.at("/evaluation/dataset").asText(), card.get("evaluation").get("dataset").asText());
            assertEquals(doc.at("/methods/egbad/calibration/false_positive_rate_interval"),
                    method.get("calibration").get("falsePositiveRateInterval"));
            assertTrue(card.get("evaluation").get("baselines").get("knn-5").get("auroc").doubleValue() > 0.5,
                    "the model card shows the kNN-5 baseline of the same evaluation");
            assertEquals(doc.at("/evaluation/baselines/pca/auroc").doubleValue(),
                    card.get("evaluation").get("baselines").get("pca").get("auroc").doubleValue());
            assertEquals(List.copyOf(manifest.methods().keySet()), texts(card.get("methods")));
            JsonNode input = card.get("input");
            assertEquals(List.of(1, 28, 28), List.of(input.get("channels").intValue(), input.get("height").intValue(),
                    input.get("width").intValue()));
            assertEquals(doc.at("/input/pixel_mapping"), input.get("pixelMapping"));
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
