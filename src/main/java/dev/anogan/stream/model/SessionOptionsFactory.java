package dev.anogan.stream.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;

/** Builds ONNX Runtime session options for a device; the caller closes the options it gets. */
public final class SessionOptionsFactory {

    private SessionOptionsFactory() {
    }

    /** Session options for the settings; the caller closes them. */
    public static SessionOptions create(SessionSettings settings) {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(settings.optimization().level());
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            if (settings.device() == Device.CUDA) {
                addCuda(options, settings.cudaDeviceId());
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
