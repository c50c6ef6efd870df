package dev.anogan.stream.model;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Which bundle to load and how to run it ({@code anogan.model.*}, or env vars such as
 * {@code ANOGAN_MODEL_BUNDLE}, {@code ANOGAN_MODEL_DEVICE}).
 */
@ConfigurationProperties(ModelConfiguration.PREFIX)
public class ModelConfiguration {

    public static final String PREFIX = "anogan.model";
    public static final String DEFAULT_BUNDLE = "classpath:bundles/default";

    /** The bundle: {@code classpath:<folder>}, a directory, or a .zip file. */
    @NotBlank
    private String bundle = DEFAULT_BUNDLE;

    /** {@code cpu} or {@code cuda}. Asking for CUDA where it is not available is an error. */
    @NotNull
    private Device device = Device.CPU;

    /** The CUDA device index. */
    @Min(0)
    private int cudaDeviceId = 0;

    /**
     * ONNX Runtime intra-op threads per call; 0 lets ONNX Runtime choose (one per core). The default, 1,
     * suits the batcher's one worker per core: two single-threaded calls at once beat one call on two
     * threads (see the README's benchmark).
     */
    @Min(0)
    private int intraOpThreads = 1;

    /** ONNX Runtime graph optimisation: none, basic, extended or all. */
    @NotNull
    private GraphOptimization optimization = GraphOptimization.ALL;

    public GraphOptimization getOptimization() {
        return optimization;
    }

    public void setOptimization(GraphOptimization optimization) {
        this.optimization = optimization;
    }

    public String getBundle() {
        return bundle;
    }

    public void setBundle(String bundle) {
        this.bundle = bundle;
    }

    public Device getDevice() {
        return device;
    }

    public void setDevice(Device device) {
        this.device = device;
    }

    public int getCudaDeviceId() {
        return cudaDeviceId;
    }

    public void setCudaDeviceId(int cudaDeviceId) {
        this.cudaDeviceId = cudaDeviceId;
    }

    public int getIntraOpThreads() {
        return intraOpThreads;
    }

    public void setIntraOpThreads(int intraOpThreads) {
        this.intraOpThreads = intraOpThreads;
    }
}
