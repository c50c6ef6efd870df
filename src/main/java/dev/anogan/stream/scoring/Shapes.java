package dev.anogan.stream.scoring;

/** Tensor shape helpers. */
final class Shapes {

    private Shapes() {
    }

    /** {@code [n, dims...]}. */
    static long[] batch(int n, long[] dims) {
        long[] shape = new long[dims.length + 1];
        shape[0] = n;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        return shape;
    }
}
