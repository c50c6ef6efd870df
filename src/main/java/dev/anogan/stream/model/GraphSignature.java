package dev.anogan.stream.model;

import java.util.List;

/** The inputs and outputs of an ONNX graph as the manifest declares them. */
public record GraphSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

    /**
     * One tensor: name, element type ({@code float32}, {@code int64}) and shape, where a negative
     * dimension is symbolic (the dynamic batch).
     */
    public record TensorSpec(String name, String type, long[] shape) {

        @Override
        public boolean equals(Object o) {
            return o instanceof TensorSpec t && t.name.equals(name) && t.type.equals(type)
                    && java.util.Arrays.equals(t.shape, shape);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name + ":" + type + java.util.Arrays.toString(shape);
        }
    }
}
