"""Batched PyTorch reference scorers of the three methods: the numerical and speed reference downstream.

Each scorer maps model-range patches ``x[N, C, H, W]`` to a dict of per-patch tensors whose
``score`` entry is the anomaly score (higher = more anomalous).
"""
from __future__ import annotations

import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from tqdm import tqdm

from .nets import BiGANDiscriminator, ConvEncoder, DCGANDiscriminator
from .onnx_export import EGBAD_OUTPUTS
from .search import ExplicitSearch, SearchConfig, autograd_search, per_patch_l1, reference_scores


class EGBADScore(nn.Module):
    """EGBAD's score in one forward pass: ``(1−w)·‖x − G(E(x))‖₁ + w·L_D`` with both variants of L_D.

    L_D is the cross-entropy of D(x, E(x)) against "real" (``_ce``), or feature matching
    ``‖f_D(x, E(x)) − f_D(G(E(x)), E(x))‖₁`` (``_fm``); both images are paired with E(x).
    """

    def __init__(self, generator: nn.Module, encoder: ConvEncoder, discriminator: BiGANDiscriminator,
                 feature_weight: float):
        super().__init__()
        self.generator, self.encoder, self.discriminator = generator, encoder, discriminator
        self.feature_weight = feature_weight

    def forward(self, x: torch.Tensor):
        w = self.feature_weight
        z = self.encoder(x)
        g = self.generator(z)
        residual = per_patch_l1(x, g)
        joint_x = self.discriminator.features(x, z)
        disc_ce = F.softplus(-self.discriminator.head(joint_x).reshape(-1))
        disc_fm = per_patch_l1(joint_x, self.discriminator.features(g, z))
        return (z, residual, disc_ce, disc_fm, (1 - w) * residual + w * disc_ce, (1 - w) * residual + w * disc_fm,
                g, (x - g).abs())


class EGBADScorer:
    def __init__(self, module: EGBADScore, variant: str = "fm"):
        self.module, self.variant = module.eval(), variant

    @torch.no_grad()
    def __call__(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        out = dict(zip(EGBAD_OUTPUTS, self.module(x)))
        out["score"] = out[f"score_{self.variant}"]
        return out


class SearchScorer:
    """AnoGAN (z0 ~ N(0, I)) or the hybrid (z0 = E(x)): a latent search of ``steps`` Adam steps.

    Args:
        explicit: use the explicit-VJP search (what the ONNX graph computes) instead of autograd.
        record_at: also return the scores after these step counts (``{"at": {k: outputs}}``).
    """

    def __init__(self, generator: nn.Module, discriminator: DCGANDiscriminator, config: SearchConfig, steps: int,
                 image_shape: tuple[int, int, int], encoder: ConvEncoder | None = None, seed: int = 0,
                 explicit: bool = True):
        self.generator, self.discriminator, self.encoder = generator.eval(), discriminator.eval(), encoder
        self.config, self.steps, self.explicit = config, steps, explicit
        self.search = ExplicitSearch(generator, discriminator, image_shape, config) if explicit else None
        self.rng = torch.Generator().manual_seed(seed)

    def start(self, x: torch.Tensor) -> torch.Tensor:
        if self.encoder is not None:
            with torch.no_grad():
                return self.encoder.eval()(x)
        return torch.randn(len(x), self.generator.latent_dim, generator=self.rng)

    def __call__(self, x: torch.Tensor, record_at: list[int] | None = None) -> dict:
        z0 = self.start(x)
        if self.explicit:
            with torch.no_grad():
                recorded = self.search.trajectory(x, z0, sorted({self.steps, *(record_at or [])}))
            out = dict(recorded[self.steps])
            out["at"] = recorded
            return out
        z = autograd_search(self.generator, self.discriminator, x, z0, self.steps, self.config)
        out = reference_scores(self.generator, self.discriminator, x, z, self.config.feature_weight)
        out["z"] = z
        return out


def score_all(scorer, x: torch.Tensor, batch_size: int = 64, desc: str = "scoring", record_at=None,
              quiet: bool = False, maps: bool = False) -> dict:
    """Score ``x`` in batches; returns numpy arrays of the per-patch scores (and ``at`` per step count).

    With ``maps``, also the scorer's ``anomaly_map`` ``[N, C, H, W]`` (at its own steps).
    """
    parts: dict[str, list] = {}
    at: dict[int, list] = {}
    for i in tqdm(range(0, len(x), batch_size), desc=desc, disable=quiet, file=sys.stderr, mininterval=2.0):
        out = scorer(x[i:i + batch_size], record_at) if record_at else scorer(x[i:i + batch_size])
        for k, v in out.items():
            if k != "at" and (v.dim() == 1 or (maps and k == "anomaly_map")):
                parts.setdefault(k, []).append(v.numpy())
        for step, rec in out.get("at", {}).items():
            at.setdefault(step, []).append(rec["score"].numpy())
    result = {k: np.concatenate(v) for k, v in parts.items()}
    if record_at:
        result["at"] = {k: np.concatenate(v) for k, v in at.items()}
    return result
