package dev.anogan.stream.helm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.anogan.stream.helm.RenderedChart.list;
import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundle comes from the image, an existing claim, or an init container writing into an emptyDir. */
class ModelSourceTest {

    @Test
    void theDefaultIsTheBundleInTheImageWithNoModelVolume() {
        RenderedChart chart = RenderedChart.withDefaults();
        assertEquals("classpath:bundles/default", chart.environmentConfigMap().get("ANOGAN_MODEL_BUNDLE"));
        assertTrue(list(chart.podSpec(), "volumes").stream().noneMatch(v -> "model".equals(v.get("name"))));
        assertTrue(list(chart.podSpec(), "initContainers").isEmpty());
    }

    @Test
    void anInitContainerWritesTheBundleIntoAnEmptyDirTheServiceReads() {
        RenderedChart chart = RenderedChart.withSettings(Map.of(
                "model.source", "initContainer",
                "model.bundlePath", "bundle.zip",
                "model.initContainer.image", "amazon/aws-cli:2.17.0",
                "model.initContainer.command[0]", "sh",
                "model.initContainer.command[1]", "-c",
                "model.initContainer.command[2]", "aws s3 cp s3://models/fmnist-1.zip $MODEL_DIR/bundle.zip"));

        assertEquals("/models/bundle.zip", chart.environmentConfigMap().get("ANOGAN_MODEL_BUNDLE"));
        Map<String, Object> init = list(chart.podSpec(), "initContainers").get(0);
        assertEquals("amazon/aws-cli:2.17.0", init.get("image"));
        assertEquals(List.of(Map.of("name", "MODEL_DIR", "value", "/models")), init.get("env"));
        assertEquals(Boolean.TRUE, map(init, "securityContext").get("readOnlyRootFilesystem"));
        Map<String, Object> volume = list(chart.podSpec(), "volumes").stream()
                .filter(v -> "model".equals(v.get("name"))).findFirst().orElseThrow();
        assertTrue(volume.containsKey("emptyDir"));
    }

    @Test
    void aVolumeSourceWithoutAClaimIsRefusedWithTheValueToSet() {
        Exception refused = assertThrows(Exception.class,
                () -> RenderedChart.withSettings(Map.of("model.source", "volume")));
        assertTrue(refused.getMessage().contains("model.volume.existingClaim"), refused.getMessage());
    }

    @Test
    void anUnknownSourceIsRefusedBySchema() {
        Exception refused = assertThrows(Exception.class,
                () -> RenderedChart.withSettings(Map.of("model.source", "s3")));
        assertTrue(refused.getMessage().contains("/model/source"), refused.getMessage());
    }
}
