"""The PyTorch reference side of the Java scoring benchmark: the identical computation, timed in eager PyTorch.

The Java benchmark (``scripts/benchmark-scoring.sh``) starts this module once per run and compares
ONNX Runtime with it. For each method and batch size it times the reference scorer of
:mod:`anogan_train.scoring` (autograd for the search, as a user of PyTorch would write it; the
explicit-VJP search too, for information) with the weights of the run that made the bundle.
It also counts the floating-point operations of one search step and measures torch's fp32
matrix-product rate, and writes an ONNX MatMul graph that the Java side uses to measure ONNX
Runtime's own matrix-product peak in the same run.
"""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

from .feature_knn import FeatureKNNConfig
from .methods import FEATURE_KNN, build_methods
from .run import Run
from .scoring import EGBADScore, EGBADScorer, SearchScorer

PROBE_SIZE = 1024


def count_macs(module: nn.Module, *inputs: torch.Tensor) -> int:
    """Multiply-accumulates of one forward pass (convolutions, transposed convolutions, linear layers)."""
    total = 0

    def hook(m, args, out):
        nonlocal total
        if isinstance(m, nn.Conv2d):
            total += out.numel() * m.in_channels * m.kernel_size[0] * m.kernel_size[1] // m.groups
        elif isinstance(m, nn.ConvTranspose2d):
            total += args[0].numel() * m.out_channels * m.kernel_size[0] * m.kernel_size[1]
        elif isinstance(m, nn.Linear):
            total += out.numel() * m.in_features

    handles = [m.register_forward_hook(hook) for m in module.modules() if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear))]
    with torch.no_grad():
        module(*inputs)
    for h in handles:
        h.remove()
    return total // inputs[0].shape[0]


def search_step_flops(run: Run) -> int:
    """FLOPs of one search step per patch: G and f forward, then their VJPs (as many MACs again), 2 FLOPs per MAC."""
    z = torch.zeros(2, run.config.latent_dim)
    macs = count_macs(run.models["generator"], z) + count_macs(run.models["discriminator"].features,
                                                              torch.zeros(2, *run.image_shape))
    return 2 * 2 * macs


def matmul_rate(repeats: int = 10) -> float:
    a = torch.randn(PROBE_SIZE, PROBE_SIZE)
    a @ a
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        a @ a
        times.append(time.perf_counter() - start)
    return 2 * PROBE_SIZE ** 3 / statistics.median(times) / 1e9


def write_matmul_probe(path: Path) -> None:
    """An ONNX graph ``y = x @ W`` ([1024, 1024] each) for measuring ONNX Runtime's matrix-product rate."""
    w = numpy_helper.from_array(np.random.default_rng(0).standard_normal((PROBE_SIZE, PROBE_SIZE)).astype(np.float32), "w")
    graph = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"])], "matmul_probe",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [PROBE_SIZE, PROBE_SIZE])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [PROBE_SIZE, PROBE_SIZE])], [w])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), path)


def _scorer(run: Run, method: str, steps: int, explicit: bool):
    m = run.models
    if method == FEATURE_KNN:
        return build_methods(run, 0, 0, FeatureKNNConfig(), include_anogan=False)[FEATURE_KNN].scorer
    if method.startswith("egbad"):
        return EGBADScorer(EGBADScore(m["bigan_generator"], m["bigan_encoder"], m["bigan_discriminator"],
                                      run.search.feature_weight), "ce" if method == "egbad-ce" else "fm")
    encoder = m["inverse_encoder"] if method == "hybrid" else None
    return SearchScorer(m["generator"], m["discriminator"], run.search, steps, run.image_shape, encoder=encoder,
                        explicit=explicit)


def time_scorer(scorer, x: torch.Tensor, min_seconds: float, min_repeats: int) -> list[float]:
    """Seconds per call, after one warm-up call, until both the repeat count and the time budget are met."""
    scorer(x)
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < min_repeats or time.perf_counter() - started < min_seconds:
        t = time.perf_counter()
        scorer(x)
        times.append(time.perf_counter() - t)
    return times


def reference(run_dir: Path, methods: dict[str, int], batch_sizes: list[int], threads: list[int],
              min_seconds: float, min_repeats: int, probe: Path | None) -> dict:
    """Times every method (name → steps) at every batch size; per cell the fastest thread count's median."""
    run = Run.open(run_dir)
    rng = np.random.default_rng(0)
    raw = run.split.validation[rng.choice(len(run.split.validation), max(batch_sizes))]
    x_all = run.tensor(raw)
    result = {"search_step_flops_per_patch": search_step_flops(run), "cells": [], "torch": torch.__version__}
    rates = {}
    for t in threads:
        torch.set_num_threads(t)
        rates[t] = matmul_rate()
    result["torch_matmul_gflops"] = max(rates.values())
    for method, steps in methods.items():
        searches = method in ("anogan", "hybrid")
        variants = [("autograd", False), ("explicit_vjp", True)] if searches else [("eager", False)]
        for variant, explicit in variants:
            scorer = _scorer(run, method, steps, explicit)
            for n in batch_sizes:
                best = None
                for t in threads:
                    torch.set_num_threads(t)
                    times = time_scorer(scorer, x_all[:n], min_seconds, min_repeats)
                    cell = {"method": method, "variant": variant, "batch": n, "steps": steps, "threads": t,
                            "median_s": statistics.median(times), "calls": len(times)}
                    if best is None or cell["median_s"] < best["median_s"]:
                        best = cell
                result["cells"].append(best)
    if probe is not None:
        write_matmul_probe(probe)
    return result


def write(result: dict, path: Path) -> None:
    path.write_text(json.dumps(result, indent=2))
