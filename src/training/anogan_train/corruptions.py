"""Synthetic defects on normal patches: the labelled proxy task for choices made without test labels.

Each patch gets one generic kind of image damage, not modelled on any data set's anomalies: local
damage (a pasted region of another normal, a bright or dark blob, a scratch, a region inverted) or a
change of the whole patch (stretched along a direction, warped, blended with another normal, or its
halves swapped), which stands for "another kind of object or material" rather than a flaw on a normal one.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F


LOCAL = ("paste", "blob", "scratch", "invert")
GLOBAL = ("stretch", "warp", "blend", "swap")
CORRUPTIONS = LOCAL + GLOBAL


def corrupt(x: torch.Tensor, seed: int) -> tuple[torch.Tensor, list[str]]:
    """One synthetic defect per model-range patch ``x[N, C, S, S]`` (values in [-1, 1]), the kinds in turn.

    Returns:
        The corrupted copies and the kind of defect of each.
    """
    rng = np.random.default_rng(seed)
    out = x.clone()
    n, _, size, _ = x.shape
    kinds = [CORRUPTIONS[i % len(CORRUPTIONS)] for i in range(n)]
    yy, xx = np.mgrid[0:size, 0:size]
    identity = F.affine_grid(torch.eye(2, 3)[None], [1, 1, size, size], align_corners=False)[0]
    for i, kind in enumerate(kinds):
        side = int(rng.integers(size // 5, size // 2))
        top, left = (int(v) for v in rng.integers(0, size - side, 2))
        if kind == "paste":
            out[i, :, top:top + side, left:left + side] = x[_other(rng, i, n), :, top:top + side, left:left + side].flip(-1)
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
        elif kind == "invert":
            out[i, :, top:top + side, left:left + side] = -x[i, :, top:top + side, left:left + side]
        elif kind == "stretch":
            # Sampling a squeezed grid magnifies the content 1.25-1.67 times along one random direction.
            angle = rng.uniform(0, np.pi)
            rotation = torch.tensor([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], dtype=torch.float32)
            squeeze = rotation @ torch.diag(torch.tensor([rng.uniform(0.6, 0.8), 1.0], dtype=torch.float32)) @ rotation.T
            out[i] = _resample(x[i], identity @ squeeze.T)
        elif kind == "warp":
            # A smooth displacement field: 4 x 4 random offsets (a tenth of the side, typically), interpolated.
            offsets = torch.from_numpy(rng.normal(0, 0.12, (1, 2, 4, 4))).float()
            field = F.interpolate(offsets, size=(size, size), mode="bicubic", align_corners=True)[0].permute(1, 2, 0)
            out[i] = _resample(x[i], identity + field)
        elif kind == "blend":
            out[i] = 0.5 * (x[i] + x[_other(rng, i, n)])
        else:
            out[i] = torch.roll(x[i], size // 2, dims=int(rng.integers(1, 3)))
    return out, kinds


def _other(rng: np.random.Generator, i: int, n: int) -> int:
    """Another patch's index than ``i``, at random."""
    other = int(rng.integers(0, n - 1))
    return other + (other >= i)


def _resample(patch: torch.Tensor, grid: torch.Tensor) -> torch.Tensor:
    """``patch[C, S, S]`` sampled at ``grid[S, S, 2]`` (normalised coordinates), edges repeated outward."""
    return F.grid_sample(patch[None], grid[None], mode="bilinear", padding_mode="border", align_corners=False)[0]
