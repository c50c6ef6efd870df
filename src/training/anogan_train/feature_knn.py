"""Feature kNN: nearest training normals in the discriminator's feature space (the plain scoring module).

The AnoGAN paper reads its discriminator as a feature extractor; this method takes that reading
literally. Every LeakyReLU of D's convolution stack is a *tap*; a query patch's features at each
tap are compared with a memory bank of the same features of training normals, and the mean
Euclidean distance to the ``k`` nearest is that tap's distance. Each tap's distance is divided
by the mean distance of held-out normals at that tap, so that the taps add up on one scale and
the score reads as "times the typical distance of a normal patch". The bank, the scales and
the encoder/generator pair that draws the anomaly map are all inside the module, so the whole
method is one ONNX graph (matrix products and TopK) with nothing else to ship.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn

from .baselines import knn_distance
from .search import per_patch_l1

OUTPUT_PREFIX = "knn_tap"


@dataclass(frozen=True)
class FeatureKNNConfig:
    """How the method is built. ``pool[i]`` average-pools tap ``i`` by that factor before the distance
    (1 keeps it whole); a tap not listed in ``taps`` is not used."""

    taps: tuple[int, ...] = (0, 1, 2)
    pool: tuple[int, ...] = (2, 2, 1)
    k: int = 5
    bank_size: int = 0

    def to_manifest(self) -> dict:
        return {**asdict(self), "bank_size": self.bank_size or "all"}


class FeatureTaps(nn.Module):
    """D's convolution stack returning the (pooled, flattened) activation after each chosen LeakyReLU."""

    def __init__(self, stack: nn.Sequential, taps: tuple[int, ...], pool: tuple[int, ...]):
        super().__init__()
        if len(taps) != len(pool):
            raise ValueError(f"one pooling factor per tap: taps {taps}, pool {pool}")
        self.stack, self.taps, self.pool = stack, tuple(taps), tuple(pool)
        relus = [i for i, layer in enumerate(stack) if isinstance(layer, nn.LeakyReLU)]
        if max(taps) >= len(relus):
            raise ValueError(f"tap {max(taps)} asked for, but the stack has {len(relus)} LeakyReLU layers")
        self.tap_layers = [relus[t] for t in taps]

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        out, h = [], x
        for i, layer in enumerate(self.stack[:self.tap_layers[-1] + 1]):
            h = layer(h)
            if i in self.tap_layers:
                factor = self.pool[self.tap_layers.index(i)]
                out.append((F.avg_pool2d(h, factor) if factor > 1 else h).flatten(1))
        return out

    @torch.no_grad()
    def batched(self, x: torch.Tensor, batch: int = 256) -> list[torch.Tensor]:
        parts = [self(x[i:i + batch]) for i in range(0, len(x), batch)]
        return [torch.cat(p) for p in zip(*parts)]


class FeatureKNNScore(nn.Module):
    """Scores ``x[N, C, H, W]`` by its distance to training normals in D's feature space.

    Outputs (in order): ``score`` (sum over taps of distance / scale), one ``knn_tap<i>`` distance per
    tap (unscaled), ``residual`` ``Σ|x − G(E(x))|``, ``reconstruction`` ``G(E(x))`` and ``anomaly_map``
    ``|x − G(E(x))|``. The reconstruction does not enter the score; it shows *where* a patch differs.
    """

    def __init__(self, taps: FeatureTaps, banks: list[torch.Tensor], scales: list[float], k: int,
                 encoder: nn.Module, generator: nn.Module):
        super().__init__()
        self.taps, self.k = taps, k
        self.encoder, self.generator = encoder, generator
        for i, bank in enumerate(banks):
            # Registered as buffers so that the export writes them as initializers; the squared norms are
            # precomputed once here rather than for every batch inside the graph.
            self.register_buffer(f"bank{i}", bank.contiguous())
            self.register_buffer(f"bank_sq{i}", (bank * bank).sum(1))
        self.register_buffer("scales", torch.tensor(scales, dtype=torch.float32))

    def output_names(self) -> tuple[str, ...]:
        return ("score", *(f"{OUTPUT_PREFIX}{t}" for t in self.taps.taps), "residual", "reconstruction", "anomaly_map")

    def tap_distances(self, x: torch.Tensor) -> list[torch.Tensor]:
        distances = []
        for i, q in enumerate(self.taps(x)):
            bank, bank_sq = getattr(self, f"bank{i}"), getattr(self, f"bank_sq{i}")
            sq = ((q * q).sum(1, keepdim=True) + bank_sq[None, :] - 2 * q @ bank.T).clamp_min(0)
            distances.append(sq.topk(self.k, dim=1, largest=False).values.sqrt().mean(1))
        return distances

    def forward(self, x: torch.Tensor):
        distances = self.tap_distances(x)
        score = sum(d / self.scales[i] for i, d in enumerate(distances))
        reconstruction = self.generator(self.encoder(x))
        return (score, *distances, per_patch_l1(x, reconstruction), reconstruction, (x - reconstruction).abs())


def build_feature_knn(discriminator: nn.Module, encoder: nn.Module, generator: nn.Module, bank_patches: torch.Tensor,
                      scale_patches: torch.Tensor, config: FeatureKNNConfig, seed: int = 0) -> FeatureKNNScore:
    """Fill the memory banks from ``bank_patches`` and the per-tap scales from ``scale_patches``.

    Args:
        discriminator: the trained DCGAN discriminator (its ``features`` stack is tapped).
        encoder, generator: the izi_f encoder and the generator it inverts (the anomaly map).
        bank_patches: training normals in the model range.
        scale_patches: held-out normals (not in the bank); their mean tap distances become the scales.
        config: taps, pooling, k, and the bank size (0 keeps every patch; else a random subset, by ``seed``).
    """
    taps = FeatureTaps(discriminator.features, config.taps, config.pool).eval()
    if config.bank_size and config.bank_size < len(bank_patches):
        keep = torch.randperm(len(bank_patches), generator=torch.Generator().manual_seed(seed))[:config.bank_size]
        bank_patches = bank_patches[keep.sort().values]
    banks = taps.batched(bank_patches)
    scales = [float(knn_distance(bank, q, config.k).mean()) for bank, q in zip(banks, taps.batched(scale_patches))]
    return FeatureKNNScore(taps, banks, scales, config.k, encoder.eval(), generator.eval()).eval()
