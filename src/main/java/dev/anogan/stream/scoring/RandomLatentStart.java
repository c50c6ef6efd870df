package dev.anogan.stream.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * AnoGAN's start: z0 ~ N(0, I), drawn from a generator seeded by the patch's own pixels and a
 * configured seed, so that scoring the same patch again (a retry after a crash) gives the same score.
 */
public final class RandomLatentStart implements LatentStart {

    private final OrtEnvironment environment;
    private final int latentDim;
    private final long seed;

    public RandomLatentStart(OrtEnvironment environment, int latentDim, long seed) {
        this.environment = environment;
        this.latentDim = latentDim;
        this.seed = seed;
    }

    @Override
    public OnnxTensor create(OnnxTensor x, int n) throws OrtException {
        FloatBuffer pixels = x.getFloatBuffer();
        int perPatch = pixels.remaining() / n;
        float[] patch = new float[perPatch];
        float[] z = new float[n * latentDim];
        for (int i = 0; i < n; i++) {
            pixels.get(patch);
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + Arrays.hashCode(patch));
            for (int j = 0; j < latentDim; j++) {
                z[i * latentDim + j] = (float) gaussian(random);
            }
        }
        return OnnxTensor.createTensor(environment, FloatBuffer.wrap(z), new long[] {n, latentDim});
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1]
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }
}
