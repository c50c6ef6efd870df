"""Synthetic defects on normal patches: the labelled proxy task for choices made without test labels.

Each patch gets one generic kind of image damage (a pasted region of another normal, a bright or
dark blob, a scratch, a region inverted), not modelled on any data set's anomalies.
"""
from __future__ import annotations

import numpy as np
import torch


CORRUPTIONS = ("paste", "blob", "scratch", "invert")


def corrupt(x: torch.Tensor, seed: int) -> tuple[torch.Tensor, list[str]]:
    """One synthetic defect per model-range patch ``x[N, C, S, S]`` (values in [-1, 1]).

    Returns:
        The corrupted copies and the kind of defect of each.
    """
    rng = np.random.default_rng(seed)
    out = x.clone()
    n, _, size, _ = x.shape
    kinds = [CORRUPTIONS[i % len(CORRUPTIONS)] for i in range(n)]
    yy, xx = np.mgrid[0:size, 0:size]
    for i, kind in enumerate(kinds):
        side = int(rng.integers(size // 5, size // 2))
        top, left = (int(v) for v in rng.integers(0, size - side, 2))
        if kind == "paste":
            other = int(rng.integers(0, n - 1))
            other += other >= i
            out[i, :, top:top + side, left:left + side] = x[other, :, top:top + side, left:left + side].flip(-1)
        elif kind == "blob":
            cy, cx = rng.uniform(size * 0.2, size * 0.8, 2)
            radius = rng.uniform(size * 0.06, size * 0.15)
            bump = np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * radius ** 2))
            sign = 1.0 if rng.random() < 0.5 else -1.0
            out[i] = (out[i] + sign * 1.5 * torch.from_numpy(bump).float()).clamp(-1, 1)
        elif kind == "scratch":
            angle = rng.uniform(0, np.pi)
            cy, cx = rng.uniform(size * 0.25, size * 0.75, 2)
            distance = np.abs((yy - cy) * np.cos(angle) - (xx - cx) * np.sin(angle))
            along = np.abs((yy - cy) * np.sin(angle) + (xx - cx) * np.cos(angle))
            line = torch.from_numpy(((distance < 0.8) & (along < side)).astype(np.float32))
            value = 1.0 if rng.random() < 0.5 else -1.0
            out[i] = out[i] * (1 - line) + value * line
        else:
            out[i, :, top:top + side, left:left + side] = -x[i, :, top:top + side, left:left + side]
    return out, kinds
