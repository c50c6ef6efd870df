package dev.anogan.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anogan.stream.model.ModelBundle;
import dev.anogan.stream.scoring.Scorer;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's configuration: defaults from the manifest, and bad values that stop start-up naming the key. */
class ApplicationConfigurationTest {

    @Test
    void defaultsLoadTheBundledModelAndItsDefaultMethod() {
        try (ApplicationContext ctx = ApplicationContext.run()) {
            ModelBundle bundle = ctx.getBean(ModelBundle.class);
            Scorer scorer = ctx.getBean(Scorer.class);
            assertEquals(bundle.manifest().defaultMethod(), scorer.method().name());
            assertEquals(bundle.manifest().method(scorer.method().name()).steps(), scorer.method().steps());
        }
    }

    @Test
    void methodAndStepsComeFromConfiguration() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("anogan.scoring.method", "anogan",
                "anogan.scoring.steps", "20"))) {
            Scorer scorer = ctx.getBean(Scorer.class);
            assertEquals("anogan", scorer.method().name());
            assertEquals(20, scorer.method().steps());
            assertEquals(ctx.getBean(ModelBundle.class).manifest().method("anogan").calibration(20).orElseThrow(),
                    scorer.calibration());
        }
    }

    @Test
    void stepsTheBundleDoesNotCalibrateStopStartUpNamingTheKey() {
        Exception e = assertThrows(Exception.class, () -> {
            try (ApplicationContext ctx = ApplicationContext.run(Map.of("anogan.scoring.method", "anogan",
                    "anogan.scoring.steps", "7"))) {
                ctx.getBean(Scorer.class);
            }
        });
        assertTrue(messages(e).contains("anogan.scoring.steps = 7: the bundle calibrates anogan only at"), messages(e));
    }

    @Test
    void anUnknownMethodNamesTheKeyAndTheChoices() {
        Exception e = assertThrows(Exception.class, () -> {
            try (ApplicationContext ctx = ApplicationContext.run(Map.of("anogan.scoring.method", "deep-svdd"))) {
                ctx.getBean(Scorer.class);
            }
        });
        assertTrue(messages(e).contains("anogan.scoring: method 'deep-svdd' is not in model"), messages(e));
    }

    @Test
    void aBadDeviceNamesTheKey() {
        Exception e = assertThrows(Exception.class, () -> {
            try (ApplicationContext ctx = ApplicationContext.run(Map.of("anogan.model.device", "tpu"))) {
                ctx.getBean(ModelBundle.class);
            }
        });
        assertTrue(messages(e).contains("device"), messages(e));
    }

    @Test
    void cudaWithoutTheCudaBuildIsAnErrorNotAFallBack() {
        Exception e = assertThrows(Exception.class, () -> {
            try (ApplicationContext ctx = ApplicationContext.run(Map.of("anogan.model.device", "cuda"))) {
                ctx.getBean(ModelBundle.class);
            }
        });
        assertTrue(messages(e).contains("anogan.model.device=cuda but ONNX Runtime's CUDA provider is not available"),
                messages(e));
    }

    @Test
    void aMissingBundleStopsStartUpNamingIt() {
        Exception e = assertThrows(Exception.class, () -> {
            try (ApplicationContext ctx = ApplicationContext.run(Map.of("anogan.model.bundle", "/no/such/bundle"))) {
                ctx.getBean(ModelBundle.class);
            }
        });
        assertTrue(messages(e).contains("/no/such/bundle: no bundle there"), messages(e));
    }

    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
