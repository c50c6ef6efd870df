"""Offline trainer of anogan-stream: GANs for anomaly detection on image patches, exported as an ONNX bundle."""

__version__ = "0.1.0"
