package dev.anogan.stream.topology;

import ai.onnxruntime.OrtException;
import dev.anogan.stream.avro.ImagePatch;
import dev.anogan.stream.scoring.BatchOutputs;
import dev.anogan.stream.scoring.ImageBuffers;
import dev.anogan.stream.scoring.ScoringMethod;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The real scoring method with a fault added, for the failure tests. */
final class FailingMethods {

    private FailingMethods() {
    }

    /** Patch {@code i} with every pixel 0: the patch {@link FailsOnBlankPatches} fails on. */
    static ImagePatch blank(int i) {
        return ImagePatch.newBuilder(StreamingFixture.patch(i)).setPatchId("blank-" + i)
                .setPixels(ByteBuffer.allocate(28 * 28)).build();
    }

    /** The real method, with a fault checked before each batch reaches it. */
    private interface WithFault extends ScoringMethod {

        ScoringMethod real();

        /** Throws, or blocks, as the fault does for this batch; returns to let the real method run it. */
        void fault(FloatBuffer x, int n) throws OrtException;

        @Override
        default String name() {
            return real().name();
        }

        @Override
        default int steps() {
            return real().steps();
        }

        @Override
        default BatchOutputs run(FloatBuffer x, int n, ImageBuffers images) throws OrtException {
            fault(x, n);
            return real().run(x, n, images);
        }
    }

    /** Fails every batch that holds a patch of one constant value. */
    record FailsOnBlankPatches(ScoringMethod real) implements WithFault {

        @Override
        public void fault(FloatBuffer x, int n) throws OrtException {
            int values = x.capacity() / n;
            for (int i = 0; i < n; i++) {
                if (isConstant(x, i * values, values)) {
                    throw new OrtException("blank input at " + i);
                }
            }
        }

        private static boolean isConstant(FloatBuffer x, int from, int count) {
            for (int k = 1; k < count; k++) {
                if (x.get(from + k) != x.get(from)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Fails every call while {@code down} is set: a model whose runtime is gone. */
    record DownWhile(ScoringMethod real, AtomicBoolean down) implements WithFault {

        @Override
        public void fault(FloatBuffer x, int n) throws OrtException {
            if (down.get()) {
                throw new OrtException("the model is down");
            }
        }
    }

    /** Blocks every call until {@code release} opens: a model that hangs. */
    record BlocksUntil(ScoringMethod real, CountDownLatch release) implements WithFault {

        @Override
        public void fault(FloatBuffer x, int n) throws OrtException {
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OrtException("interrupted");
            }
        }
    }
}
