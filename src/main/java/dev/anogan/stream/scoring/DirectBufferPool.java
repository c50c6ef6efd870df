package dev.anogan.stream.scoring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Direct float buffers reused by size. ONNX Runtime's Java API wraps a direct buffer without a copy
 * (arrays and heap buffers are copied into native memory on every call), and it has no IO binding:
 * so each batch borrows a direct buffer of its exact size and returns it after the call.
 */
public final class DirectBufferPool {

    private final Map<Integer, Queue<FloatBuffer>> free = new ConcurrentHashMap<>();

    /** A native-order direct buffer of exactly {@code floats} values; give it back with {@link #release}. */
    public FloatBuffer borrow(int floats) {
        FloatBuffer buffer = free.computeIfAbsent(floats, k -> new ConcurrentLinkedQueue<>()).poll();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        return buffer.clear();
    }

    public void release(FloatBuffer buffer) {
        free.computeIfAbsent(buffer.capacity(), k -> new ConcurrentLinkedQueue<>()).add(buffer);
    }
}
