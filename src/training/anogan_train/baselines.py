"""The yardsticks every evaluation shows beside our methods: kNN-5 and PCA on raw pixels.

Both see the pixels as a user's quick script would: raw values scaled to [0, 1] by the
encoding's maximum, flattened, no padding. They are fit on the run's training normals and
never become product methods; they exist so that a table can say whether a GAN-based score
is worth its cost.
"""
from __future__ import annotations

import numpy as np
import torch

from .data import ENCODING_MAX


def unit_pixels(raw: np.ndarray) -> np.ndarray:
    """Raw patches ``[N, C, H, W]`` as float64 rows in [0, 1], one flattened patch per row."""
    return raw.reshape(len(raw), -1).astype(np.float64) / ENCODING_MAX[raw.dtype.name]


def knn_distance(bank: torch.Tensor, query: torch.Tensor, k: int, exclude_self: bool = False,
                 chunk: int = 1024) -> torch.Tensor:
    """Mean Euclidean distance of each query row to its ``k`` nearest rows of ``bank``.

    Args:
        bank: ``[M, D]`` reference rows (the training normals).
        query: ``[N, D]`` rows to score.
        k: neighbours averaged.
        exclude_self: the query is the bank itself; skip each row's zero distance to itself.
        chunk: query rows per matrix product (bounds memory at ``chunk × M``).
    Returns:
        ``[N]`` distances, in the dtype of the inputs.
    """
    if k < 1 or k + int(exclude_self) > len(bank):
        raise ValueError(f"k = {k} needs at least {k + int(exclude_self)} reference rows, got {len(bank)}")
    bank_sq = (bank * bank).sum(1)
    out = []
    for start in range(0, len(query), chunk):
        q = query[start:start + chunk]
        sq = ((q * q).sum(1)[:, None] + bank_sq[None, :] - 2 * q @ bank.T).clamp_min(0)
        nearest = sq.topk(k + int(exclude_self), dim=1, largest=False).values
        out.append(nearest[:, int(exclude_self):].sqrt().mean(1))
    return torch.cat(out)


class KNNBaseline:
    """kNN-k on raw pixels: the mean distance to the k nearest training normals."""

    name = "knn-5 (raw pixels)"

    def __init__(self, train_raw: np.ndarray, k: int = 5):
        self.bank, self.k = torch.from_numpy(unit_pixels(train_raw)), k

    def score(self, raw: np.ndarray) -> np.ndarray:
        return knn_distance(self.bank, torch.from_numpy(unit_pixels(raw)), self.k).numpy()


class PCABaseline:
    """PCA reconstruction error on raw pixels: the squared distance to the span of the components
    that keep ``variance`` of the training normals' variance."""

    name = "pca (90 % variance)"

    def __init__(self, train_raw: np.ndarray, variance: float = 0.9):
        x = unit_pixels(train_raw)
        self.mean = x.mean(0)
        _, singular, vt = np.linalg.svd(x - self.mean, full_matrices=False)
        explained = np.cumsum(singular ** 2) / np.sum(singular ** 2)
        self.components = vt[:int(np.searchsorted(explained, variance) + 1)]

    def score(self, raw: np.ndarray) -> np.ndarray:
        centred = unit_pixels(raw) - self.mean
        residual = centred - (centred @ self.components.T) @ self.components
        return (residual ** 2).sum(1)


BASELINES = {"knn-5": KNNBaseline, "pca": PCABaseline}
