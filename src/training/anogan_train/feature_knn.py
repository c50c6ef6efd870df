"""Feature kNN: nearest training normals in the GAN's feature spaces (the plain scoring module).

The AnoGAN paper reads its discriminator as a feature extractor; this method takes that reading
literally, for the discriminators and the encoders the training produces. A LeakyReLU of one of their
convolution stacks is a *tap*; a query patch's features at each tap are compared with a
memory bank of the same features of training normals, and the mean
Euclidean distance to the ``k`` nearest is that tap's distance. A cosine tap (suffix ``c``) scales
each feature vector to unit length first, so that it compares the pattern of a layer's responses and
not their strength. Each tap's distance is divided
by the mean distance of held-out normals at that tap, so that the taps add up on one scale and
the score reads as "times the typical distance of a normal patch". Which taps a run uses is chosen
per run, among a few candidate sets, on held-out normals against synthetically damaged copies of
them (:func:`choose_feature_knn`). The bank, the scales and the encoder/generator pair that draws
the anomaly map are all inside the module, so the whole method is one ONNX graph (matrix products
and TopK) with nothing else to ship.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from .baselines import knn_distance
from .corruptions import CORRUPTIONS, corrupt
from .metrics import auroc
from .search import per_patch_l1

OUTPUT_PREFIX = "knn_"
TAP_SIDE = 8
NETWORKS = {"d": "the DCGAN discriminator's convolution stack f", "e": "the EGBAD (BiGAN) encoder's convolution stack",
            "x": "the EGBAD (BiGAN) discriminator's image path", "i": "the izi_f encoder's convolution stack"}
COSINE = "c"


def parse_tap(tap: str) -> tuple[str, int, bool]:
    """A tap's network letter, LeakyReLU index and whether it is a cosine tap: ``x1c`` → ``("x", 1, True)``."""
    cosine = tap.endswith(COSINE)
    layer = tap[1:-1] if cosine else tap[1:]
    if len(tap) < 2 or tap[0] not in NETWORKS or not layer.isdigit():
        raise ValueError(f"tap {tap!r}: expected a network letter ({', '.join(NETWORKS)}), a layer number and "
                         f"optionally {COSINE!r} for a cosine tap")
    return tap[0], int(layer), cosine


@dataclass(frozen=True)
class FeatureKNNConfig:
    """How the method is built.

    A tap is a network letter and a layer: ``d1`` is the second LeakyReLU of the DCGAN discriminator,
    ``e0`` the first of the EGBAD encoder (see :data:`NETWORKS`); a trailing ``c`` makes it a cosine tap
    (``x1c``: unit-length feature vectors). ``pool[i]`` average-pools tap ``i`` by
    that factor before the distance (1 keeps it whole). No taps (the default) means: the tap set of
    :func:`candidate_configs` that tells held-out normals best from corrupted copies of them
    (:func:`choose_feature_knn`).
    """

    taps: tuple[str, ...] = ()
    pool: tuple[int, ...] = ()
    k: int = 5
    bank_size: int = 0

    def __post_init__(self):
        if len(self.taps) != len(self.pool):
            raise ValueError(f"one pooling factor per tap: taps {self.taps}, pool {self.pool}")
        for tap in self.taps:
            parse_tap(tap)
        if self.k < 1:
            raise ValueError(f"k must be at least 1, got {self.k}")

    def to_manifest(self) -> dict:
        return {**asdict(self), "bank_size": self.bank_size or "all", "networks": NETWORKS}


def _relu_sides(stack: nn.Sequential, patch: torch.Tensor) -> list[int]:
    """The spatial side of the activations after each LeakyReLU of ``stack`` for one model-range patch."""
    sides, h = [], patch
    with torch.no_grad():
        for layer in stack:
            h = layer(h)
            if isinstance(layer, nn.LeakyReLU):
                sides.append(int(h.shape[-1]))
    return sides


def candidate_configs(stacks: dict[str, nn.Sequential], patch: torch.Tensor,
                      base: FeatureKNNConfig) -> dict[str, FeatureKNNConfig]:
    """The tap sets :func:`choose_feature_knn` chooses among, cheapest first, with ``base``'s k and bank size.

    Each set reads a network at two depths: its first layer (Euclidean), which keeps the most of the patch's
    detail, and its second as a cosine tap, which compares the pattern of its responses, so that a patch
    far from every normal in either sense scores high. The networks are the BiGAN discriminator's image
    path (the discriminator as a feature extractor, as the AnoGAN paper proposes) alone, or beside the izi_f
    encoder, a second network that learnt what G's normals look like. Every tap but a network's deepest is
    pooled to at most 8 × 8 positions, which bounds the bank's width whatever the patch size.
    """
    sides_of = {net: _relu_sides(stacks[net], patch) for net in ("x", "i")}

    def two_layers(*nets: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        taps, pool = [], []
        for layer, suffix in ((0, ""), (1, COSINE)):
            for net in nets:
                sides = sides_of[net]
                taps.append(f"{net}{layer}{suffix}")
                pool.append(1 if layer == len(sides) - 1 else max(1, sides[layer] // TAP_SIDE))
        return tuple(taps), tuple(pool)

    sets = {"discriminator, two layers": two_layers("x"),
            "discriminator and izi_f encoder, two layers": two_layers("x", "i")}
    return {name: replace(base, taps=t, pool=p) for name, (t, p) in sets.items()}


class FeatureTaps(nn.Module):
    """The (pooled, flattened) activations after chosen LeakyReLU layers of one or more convolution stacks; those
    of a cosine tap scaled to unit length."""

    def __init__(self, stacks: dict[str, nn.Sequential], taps: tuple[str, ...], pool: tuple[int, ...]):
        super().__init__()
        self.stacks = nn.ModuleDict(stacks)
        self.taps, self.pool = tuple(taps), tuple(pool)
        self.layers: list[tuple[str, int]] = []
        self.cosine: list[bool] = []
        for tap in taps:
            net, layer, cosine = parse_tap(tap)
            relus = [i for i, module in enumerate(stacks[net]) if isinstance(module, nn.LeakyReLU)]
            if layer >= len(relus):
                raise ValueError(f"tap {tap} asked for, but that stack has {len(relus)} LeakyReLU layers")
            self.layers.append((net, relus[layer]))
            self.cosine.append(cosine)

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        acts: dict[tuple[str, int], torch.Tensor] = {}
        for net in dict.fromkeys(n for n, _ in self.layers):
            last, h = max(i for n, i in self.layers if n == net), x
            for i, layer in enumerate(self.stacks[net]):
                if i > last:
                    break
                h = layer(h)
                acts[(net, i)] = h
        pooled = [F.avg_pool2d(acts[key], factor).flatten(1) if factor > 1 else acts[key].flatten(1)
                  for key, factor in zip(self.layers, self.pool)]
        return [F.normalize(f, dim=1) if cosine else f for f, cosine in zip(pooled, self.cosine)]

    @torch.no_grad()
    def batched(self, x: torch.Tensor, batch: int = 256) -> list[torch.Tensor]:
        parts = [self(x[i:i + batch]) for i in range(0, len(x), batch)]
        return [torch.cat(p) for p in zip(*parts)]


class FeatureKNNScore(nn.Module):
    """Scores ``x[N, C, H, W]`` by its distance to training normals in the GAN's feature spaces.

    Outputs (in order): ``score`` (sum over taps of distance / scale), one ``knn_<tap>`` distance per
    tap (unscaled), ``residual`` ``Σ|x − G(E(x))|``, ``reconstruction`` ``G(E(x))`` and ``anomaly_map``
    ``|x − G(E(x))|``. The reconstruction does not enter the score; it shows *where* a patch differs.
    """

    def __init__(self, taps: FeatureTaps, banks: list[torch.Tensor], scales: list[float], k: int,
                 encoder: nn.Module, generator: nn.Module):
        super().__init__()
        self.taps, self.k = taps, k
        self.config = FeatureKNNConfig(taps.taps, taps.pool, k, len(banks[0]))
        self.choice = {"how": "given"}
        self.encoder, self.generator = encoder, generator
        for i, bank in enumerate(banks):
            # Buffers, so that the export writes them as initializers. The banks are rounded to float16 values
            # (the export stores them as float16, halving the bundle; activations after ReLUs lose nothing that
            # matters to a distance), and their squared norms are computed once here, not per batch.
            bank = bank.half().float().contiguous()
            self.register_buffer(f"bank{i}", bank)
            self.register_buffer(f"bank_sq{i}", (bank * bank).sum(1))
        self.register_buffer("scales", torch.tensor(scales, dtype=torch.float32))

    def half_buffers(self) -> tuple[torch.Tensor, ...]:
        """The buffers the export stores as float16 (exactly representable: see ``__init__``)."""
        return tuple(getattr(self, f"bank{i}") for i in range(len(self.taps.taps)))

    def output_names(self) -> tuple[str, ...]:
        return ("score", *(OUTPUT_PREFIX + t for t in self.taps.taps), "residual", "reconstruction", "anomaly_map")

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


def build_feature_knn(stacks: dict[str, nn.Sequential], encoder: nn.Module, generator: nn.Module,
                      bank_patches: torch.Tensor, scale_patches: torch.Tensor, config: FeatureKNNConfig,
                      seed: int = 0) -> FeatureKNNScore:
    """Fill the memory banks from ``bank_patches`` and the per-tap scales from ``scale_patches``.

    Args:
        stacks: the trained convolution stacks by network letter (see :data:`NETWORKS`).
        encoder, generator: the izi_f encoder and the generator it inverts (the anomaly map).
        bank_patches: training normals in the model range.
        scale_patches: held-out normals (not in the bank); their mean tap distances become the scales.
        config: taps, pooling, k, and the bank size (0 keeps every patch; else a random subset, by ``seed``).
    """
    if not config.taps:
        raise ValueError("no taps given: choose_feature_knn chooses them")
    taps = FeatureTaps({n: s for n, s in stacks.items() if any(t[0] == n for t in config.taps)},
                       config.taps, config.pool).eval()
    if config.bank_size and config.bank_size < len(bank_patches):
        keep = torch.randperm(len(bank_patches), generator=torch.Generator().manual_seed(seed))[:config.bank_size]
        bank_patches = bank_patches[keep.sort().values]
    banks = taps.batched(bank_patches)
    scales = [float(knn_distance(bank, q, config.k).mean()) for bank, q in zip(banks, taps.batched(scale_patches))]
    return FeatureKNNScore(taps, banks, scales, config.k, encoder.eval(), generator.eval()).eval()


def choose_feature_knn(stacks: dict[str, nn.Sequential], encoder: nn.Module, generator: nn.Module,
                       bank_patches: torch.Tensor, held_out: torch.Tensor, config: FeatureKNNConfig,
                       seed: int = 0) -> FeatureKNNScore:
    """The feature kNN on the tap set that best tells held-out normals from corrupted copies of them.

    Each of :func:`candidate_configs` is built as :func:`build_feature_knn` builds it (``held_out`` sets
    the scales) and rated by its AUROC on ``held_out`` against :func:`~anogan_train.corruptions.corrupt`
    copies; the highest wins, ties going to the cheaper set. No anomalous or test patch is involved.
    The module's ``choice`` records every rating.
    """
    corrupted, _ = corrupt(held_out, seed)
    proxy = torch.cat([held_out, corrupted])
    anomalous = np.r_[np.zeros(len(held_out), bool), np.ones(len(corrupted), bool)]
    best, ratings = None, {}
    for name, candidate in candidate_configs(stacks, bank_patches[:1], config).items():
        module = build_feature_knn(stacks, encoder, generator, bank_patches, held_out, candidate, seed)
        with torch.no_grad():
            scores = torch.cat([module(proxy[i:i + 256])[0] for i in range(0, len(proxy), 256)])
        ratings[name] = auroc(scores.numpy(), anomalous)
        if best is None or ratings[name] > ratings[best[0]]:
            best = (name, module)
    name, module = best
    module.choice = {"tap_set": name, "proxy_auroc": ratings,
                     "how": "highest AUROC on validation normals against copies with synthetic defects "
                            f"({', '.join(CORRUPTIONS)}); no test or anomalous patch involved"}
    return module
