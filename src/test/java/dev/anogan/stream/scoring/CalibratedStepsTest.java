package dev.anogan.stream.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import dev.anogan.stream.model.MethodSpec;
import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.testing.SharedBundle;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A search method's threshold belongs to its step count: the service uses the matching calibration or refuses. */
@ExtendWith(SharedBundle.class)
class CalibratedStepsTest {

    private static ScorerFactory factory;
    private static ModelBundle bundle;

    @BeforeAll
    static void load(ModelBundle shared) {
        bundle = shared;
        factory = new ScorerFactory(OrtEnvironment.getEnvironment(), bundle);
    }

    private static ScoringConfiguration config(String method, int steps) {
        ScoringConfiguration config = new ScoringConfiguration();
        config.setMethod(method);
        config.setSteps(steps);
        return config;
    }

    @Test
    void stepsWithoutACalibrationAreRefusedNamingTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> factory.create(config("anogan", 7)));
        assertTrue(e.getMessage().startsWith("anogan.scoring.steps = 7"), e.getMessage());
        assertTrue(e.getMessage().contains("500"), e.getMessage());
    }

    @Test
    void configuredStepsUseTheirOwnThreshold() {
        MethodSpec anogan = bundle.manifest().method("anogan");
        Scorer at20 = factory.create(config("anogan", 20));
        Scorer atDefault = factory.create(config("anogan", anogan.steps()));
        assertEquals(anogan.calibration(20).orElseThrow().threshold(), at20.calibration().threshold());
        assertEquals(anogan.calibration().threshold(), atDefault.calibration().threshold());
        assertNotEquals(at20.calibration().threshold(), atDefault.calibration().threshold());
    }
}
