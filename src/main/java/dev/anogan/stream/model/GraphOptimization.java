package dev.anogan.stream.model;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/** ONNX Runtime's graph optimisation levels; {@code ALL} adds the layout (NCHWc) transformations on x86. */
public enum GraphOptimization {
    NONE(OptLevel.NO_OPT),
    BASIC(OptLevel.BASIC_OPT),
    EXTENDED(OptLevel.EXTENDED_OPT),
    ALL(OptLevel.ALL_OPT);

    private final OptLevel level;

    GraphOptimization(OptLevel level) {
        this.level = level;
    }

    OptLevel level() {
        return level;
    }
}
