package dev.anogan.stream.model;

/** Where ONNX Runtime runs the graphs. */
public enum Device {
    CPU,
    /** NVIDIA GPU through ONNX Runtime's CUDA provider; needs the {@code cuda} Maven profile's build. */
    CUDA
}
