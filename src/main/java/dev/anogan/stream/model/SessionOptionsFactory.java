package dev.anogan.stream.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/** Builds ONNX Runtime session options for a device; the caller closes the options it gets. */
final class SessionOptionsFactory {

    private SessionOptionsFactory() {
    }

    static SessionOptions create(Device device, int cudaDeviceId, int intraOpThreads) {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            if (device == Device.CUDA) {
                addCuda(options, cudaDeviceId);
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e instanceof BundleException b ? b : new IllegalStateException("ONNX Runtime session options: " + e.getMessage(), e);
        }
    }

    private static void addCuda(SessionOptions options, int deviceId) {
        try {
            options.addCUDA(deviceId);
        } catch (OrtException | UnsatisfiedLinkError | IllegalArgumentException e) {
            throw new IllegalStateException(ModelConfiguration.PREFIX + ".device=cuda but ONNX Runtime's CUDA provider is not "
                    + "available (" + e.getMessage() + "): build with 'mvn -Pcuda package' (artifact onnxruntime_gpu, "
                    + "CUDA 12 and cuDNN 9 on the host) or set " + ModelConfiguration.PREFIX + ".device=cpu", e);
        }
    }
}
