package dev.anogan.stream.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anogan.stream.model.BundleException;
import dev.anogan.stream.model.ImageAggregation;
import dev.anogan.stream.model.Manifest;
import dev.anogan.stream.model.ManifestReader;
import dev.anogan.stream.model.MethodSpec;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Images are judged by the bundle's image calibration ({@code methods.<m>.image_calibration}) at the steps it was
 * made for, and otherwise by the fallback: the largest patch score against the patch threshold.
 */
class ImageRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBundlesImageCalibrationJudgesImagesAtItsSteps() throws IOException {
        MethodSpec hybrid = manifest("hybrid", "max-map").method("hybrid");
        ImageRule rule = ImageRule.of(hybrid, hybrid.steps(), hybrid.calibration());
        assertTrue(rule.calibrated());
        assertEquals(ImageAggregation.MAX_MAP, rule.aggregation());
        assertEquals(0.75, rule.threshold());
        assertEquals(hybrid.calibration().threshold(), rule.patchThreshold());
        assertEquals(0.01, hybrid.imageCalibration(hybrid.steps()).orElseThrow().falsePositiveRate());
    }

    @Test
    void withoutAnImageCalibrationForTheStepsInUseTheFallbackApplies() throws IOException {
        MethodSpec hybrid = manifest("hybrid", "max-map").method("hybrid");
        int otherSteps = hybrid.calibrations().keySet().stream().filter(s -> s != hybrid.steps()).findFirst()
                .orElseThrow();
        ImageRule atOtherSteps = ImageRule.of(hybrid, otherSteps, hybrid.calibration(otherSteps).orElseThrow());
        assertFalse(atOtherSteps.calibrated());
        assertEquals(ImageAggregation.MAX_PATCH_SCORE, atOtherSteps.aggregation());
        assertEquals(hybrid.calibration(otherSteps).orElseThrow().threshold(), atOtherSteps.threshold());

        MethodSpec egbad = manifest("hybrid", "max-map").method("egbad");
        assertFalse(ImageRule.of(egbad, egbad.steps(), egbad.calibration()).calibrated());
    }

    @Test
    void anAggregationTheServiceDoesNotKnowIsRefusedNamingTheKey() {
        BundleException e = assertThrows(BundleException.class, () -> manifest("hybrid", "mean-of-top-3"));
        assertTrue(e.getMessage().contains("methods.hybrid.image_calibration.aggregation is 'mean-of-top-3'; "
                + "expected one of [max-patch-score, max-map]"), e.getMessage());
    }

    /** The committed bundle's manifest with an image calibration for {@code method}. */
    private static Manifest manifest(String method, String aggregation) throws IOException {
        ObjectNode root;
        try (InputStream in = ImageRuleTest.class.getResourceAsStream("/bundles/default/manifest.json")) {
            root = (ObjectNode) JSON.readTree(in);
        }
        ((ObjectNode) root.path("methods").path(method)).putObject("image_calibration")
                .put("aggregation", aggregation).put("threshold", 0.75).put("false_positive_rate", 0.01)
                .put("images", 200);
        return ManifestReader.read(JSON.writeValueAsBytes(root), "manifest.json");
    }
}
