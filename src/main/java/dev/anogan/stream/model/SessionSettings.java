package dev.anogan.stream.model;

/**
 * How ONNX Runtime sessions are made.
 *
 * @param device         CPU or CUDA
 * @param cudaDeviceId   the GPU index for CUDA
 * @param intraOpThreads threads per session; 0 lets ONNX Runtime choose (one per core)
 * @param optimization   graph optimisation level
 */
public record SessionSettings(Device device, int cudaDeviceId, int intraOpThreads, GraphOptimization optimization) {

    /** CPU, ONNX Runtime's thread default, every graph optimisation. */
    public static final SessionSettings CPU_DEFAULTS = new SessionSettings(Device.CPU, 0, 0, GraphOptimization.ALL);

    public static SessionSettings of(ModelConfiguration config) {
        return new SessionSettings(config.getDevice(), config.getCudaDeviceId(), config.getIntraOpThreads(),
                config.getOptimization());
    }
}
