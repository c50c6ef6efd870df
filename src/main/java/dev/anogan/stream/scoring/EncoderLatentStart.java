package dev.anogan.stream.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;

/** The hybrid's start: z0 = E(x) from the encoder graph (f-AnoGAN's izi_f encoder). */
public final class EncoderLatentStart implements LatentStart {

    private final OrtEnvironment environment;
    private final OrtSession encoder;
    private final int latentDim;

    public EncoderLatentStart(OrtEnvironment environment, OrtSession encoder, int latentDim) {
        this.environment = environment;
        this.encoder = encoder;
        this.latentDim = latentDim;
    }

    @Override
    public OnnxTensor create(OnnxTensor x, int n) throws OrtException {
        try (OrtSession.Result result = encoder.run(Map.of("x", x))) {
            float[] z = OrtOutputs.floats(result, "z");
            return OnnxTensor.createTensor(environment, FloatBuffer.wrap(z), new long[] {n, latentDim});
        }
    }
}
