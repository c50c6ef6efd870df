package dev.anogan.stream.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;

/** Where a latent search starts: z0 for each patch of a batch. */
public interface LatentStart {

    /**
     * Creates z0 [n, latentDim] for the batch; the caller closes the tensor.
     *
     * @param x the batch's model input tensor
     * @param n the batch size
     */
    OnnxTensor create(OnnxTensor x, int n) throws OrtException;
}
