package dev.anogan.stream.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** This machine's fp32 matrix-product rate in ONNX Runtime: a 1024³ MatMul graph, median of repeated calls. */
final class MatmulProbe {

    private static final int SIZE = 1024;

    private MatmulProbe() {
    }

    static double gflops(OrtEnvironment env, Path graph, OrtSession.SessionOptions options, int repeats) throws OrtException {
        FloatBuffer x = ByteBuffer.allocateDirect(SIZE * SIZE * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < SIZE * SIZE; i++) {
            x.put(i, (i % 7) * 0.1f);
        }
        double[] seconds = new double[repeats];
        try (OrtSession session = env.createSession(graph.toString(), options);
             OnnxTensor input = OnnxTensor.createTensor(env, x, new long[] {SIZE, SIZE})) {
            session.run(Map.of("x", input)).close();
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                session.run(Map.of("x", input)).close();
                seconds[i] = (System.nanoTime() - t) / 1e9;
            }
        }
        return 2.0 * SIZE * SIZE * SIZE / LatencyStats.median(seconds) / 1e9;
    }
}
