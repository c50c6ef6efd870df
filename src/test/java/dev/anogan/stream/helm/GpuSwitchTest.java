package dev.anogan.stream.helm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.anogan.stream.helm.RenderedChart.list;
import static dev.anogan.stream.helm.RenderedChart.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gpu.enabled switches to the CUDA image, anogan.model.device=cuda, a GPU limit and GPU node placement. */
class GpuSwitchTest {

    @Test
    void defaultsRunOnTheCpuImageWithoutAGpu() {
        RenderedChart chart = RenderedChart.withDefaults();
        assertEquals("anogan-stream:0.1.0", chart.container().get("image"));
        assertEquals("cpu", chart.environmentConfigMap().get("ANOGAN_MODEL_DEVICE"));
        assertFalse(chart.container().toString().contains("nvidia.com/gpu"));
        assertNull(chart.podSpec().get("tolerations"));
        assertFalse(chart.environmentConfigMap().containsKey("ANOGAN_MODEL_CUDA_DEVICE_ID"));
    }

    @Test
    void gpuAddsTheCudaImageTheDeviceAndTheGpuLimit() {
        RenderedChart chart = RenderedChart.withProductionValues();
        assertEquals("registry.example.com/vision/anogan-stream:0.1.0-cuda", chart.container().get("image"));
        assertEquals("cuda", chart.environmentConfigMap().get("ANOGAN_MODEL_DEVICE"));
        assertEquals("0", chart.environmentConfigMap().get("ANOGAN_MODEL_CUDA_DEVICE_ID"));

        Map<String, Object> limits = map(map(chart.container(), "resources"), "limits");
        assertEquals(1, limits.get("nvidia.com/gpu"));
        assertEquals("4Gi", limits.get("memory"), "the user's limits are kept");
        assertEquals("2", map(map(chart.container(), "resources"), "requests").get("cpu"));
    }

    @Test
    void gpuPodsLandOnGpuNodes() {
        RenderedChart chart = RenderedChart.withProductionValues();
        assertEquals(Map.of("nvidia.com/gpu.present", "true"), chart.podSpec().get("nodeSelector"));
        List<Map<String, Object>> tolerations = list(chart.podSpec(), "tolerations");
        assertTrue(tolerations.stream().anyMatch(t -> "nvidia.com/gpu".equals(t.get("key"))
                && "Exists".equals(t.get("operator")) && "NoSchedule".equals(t.get("effect"))), tolerations::toString);
    }
}
