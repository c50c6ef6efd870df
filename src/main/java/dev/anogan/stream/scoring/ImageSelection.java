package dev.anogan.stream.scoring;

/**
 * Which patches of a batch get their reconstruction G(z) and anomaly map |x − G(z)| read out of ONNX Runtime. The
 * graph computes them for every patch anyway (the score needs G(z)); what this saves is the copy and the crop.
 */
public enum ImageSelection {
    /** None: scores only. */
    NONE,
    /** The anomalous ones: what alerts carry. */
    ANOMALOUS,
    /** All of them: scores carry their anomaly map too. */
    ALL;

    /** Whether a patch with this verdict gets its images. */
    public boolean wants(boolean anomalous) {
        return this == ALL || (this == ANOMALOUS && anomalous);
    }
}
