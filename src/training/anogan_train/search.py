"""AnoGAN's latent search: the loss, the scores, and two implementations of the Adam search.

* :func:`autograd_search` is the reference: torch autograd and ``torch.optim.Adam`` on z.
* :class:`ExplicitSearch` computes the same search with the hand-written VJPs of
  :mod:`anogan_train.explicit`; its three parts (:class:`FeatureExtractor` = f(x),
  :class:`AdamSearchStep` = one Adam step, :class:`SearchScores` = the scores) are what the
  export traces and stitches into one ONNX graph with a ``Loop``.

Per patch: ``L(z) = (1-λ)·Σ|x − G(z)| + λ·Σ|f(x) − f(G(z))|``. The batch loss is the sum of the
per-patch losses, so each patch's z follows its own independent search.
"""
from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn

from .explicit import ExplicitChain, to_explicit
from .nets import DCGANDiscriminator


@dataclass(frozen=True)
class SearchConfig:
    """Hyper-parameters of the latent search.

    Attributes:
        feature_weight: λ, the weight of the feature (discrimination) term; the residual gets 1 − λ.
        lr: Adam's step size on z.
        beta1, beta2, eps: Adam's other constants (torch's defaults).
    """

    feature_weight: float = 0.1
    lr: float = 0.05
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def to_manifest(self) -> dict:
        return asdict(self)


def per_patch_l1(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Σ|a − b| over all but the batch axis."""
    return (a - b).abs().flatten(1).sum(1)


@contextlib.contextmanager
def frozen(*modules: nn.Module):
    """Temporarily stop gradients to the modules' parameters (the search moves z only)."""
    params = [p for m in modules for p in m.parameters()]
    states = [p.requires_grad for p in params]
    for p in params:
        p.requires_grad_(False)
    try:
        yield
    finally:
        for p, state in zip(params, states):
            p.requires_grad_(state)


def anogan_scores(x: torch.Tensor, fx: torch.Tensor, reconstruction: torch.Tensor, fg: torch.Tensor,
                  logit: torch.Tensor, feature_weight: float) -> dict[str, torch.Tensor]:
    """AnoGAN's scores of x against its reconstruction G(z).

    Returns:
        ``residual`` Σ|x − G(z)|, ``discrimination`` Σ|f(x) − f(G(z))|, ``reference_discrimination``
        (the paper's variant with D's own output: cross-entropy of D(G(z)) against "real"),
        ``score`` (1−λ)·residual + λ·discrimination, all shaped [N].
    """
    residual = per_patch_l1(x, reconstruction)
    discrimination = per_patch_l1(fx, fg)
    return {
        "residual": residual,
        "discrimination": discrimination,
        "reference_discrimination": F.softplus(-logit),
        "score": (1.0 - feature_weight) * residual + feature_weight * discrimination,
    }


def autograd_search(generator: nn.Module, discriminator: DCGANDiscriminator, x: torch.Tensor, z0: torch.Tensor,
                    steps: int, config: SearchConfig) -> torch.Tensor:
    """The reference search: autograd gradients and ``torch.optim.Adam``; networks must be in eval mode.

    Returns:
        z after ``steps`` Adam steps, shaped like ``z0``.
    """
    z = z0.detach().clone().requires_grad_(True)
    optimizer = torch.optim.Adam([z], lr=config.lr, betas=(config.beta1, config.beta2), eps=config.eps)
    w = config.feature_weight
    with frozen(generator, discriminator), torch.enable_grad():
        fx = discriminator.features(x).detach()
        for _ in range(steps):
            optimizer.zero_grad(set_to_none=True)
            g = generator(z)
            loss = (1.0 - w) * per_patch_l1(x, g) + w * per_patch_l1(fx, discriminator.features(g))
            loss.sum().backward()
            optimizer.step()
    return z.detach()


def reference_scores(generator: nn.Module, discriminator: DCGANDiscriminator, x: torch.Tensor, z: torch.Tensor,
                     feature_weight: float) -> dict[str, torch.Tensor]:
    """AnoGAN's scores at z computed with the torch modules (eval mode), plus ``reconstruction``."""
    with torch.no_grad():
        g = generator(z)
        fg = discriminator.features(g)
        out = anogan_scores(x, discriminator.features(x), g, fg, discriminator.head(fg).reshape(-1), feature_weight)
    out["reconstruction"] = g
    out["anomaly_map"] = (x - g).abs()
    return out


class FeatureExtractor(nn.Module):
    """f(x): D's intermediate feature layer (the ONNX graph run once before the search loop)."""

    def __init__(self, features: ExplicitChain):
        super().__init__()
        self.features = features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x)


class AdamSearchStep(nn.Module):
    """One Adam step on z with dL/dz from explicit VJPs: the body of the exported ``Loop``.

    Follows ``torch.optim.Adam`` exactly (bias corrections, eps added after the square root), so
    that the autograd search is its reference. ``t`` is the step count as a float tensor [1].
    """

    def __init__(self, generator: ExplicitChain, features: ExplicitChain, config: SearchConfig):
        super().__init__()
        self.generator, self.features, self.config = generator, features, config

    def gradient(self, x: torch.Tensor, fx: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
        """dL/dz for the per-patch loss, through G and f; the L1 VJP is sign(·), 0 at 0 like autograd."""
        w = self.config.feature_weight
        g_acts = self.generator.forward_saving(z)
        f_acts = self.features.forward_saving(g_acts[-1])
        grad_fg = w * torch.sign(f_acts[-1] - fx)
        grad_g = (1.0 - w) * torch.sign(g_acts[-1] - x) + self.features.vjp(f_acts, grad_fg)
        return self.generator.vjp(g_acts, grad_g)

    def forward(self, x, fx, z, m, v, t):
        c = self.config
        grad = self.gradient(x, fx, z)
        t = t + 1.0
        m = c.beta1 * m + (1.0 - c.beta1) * grad
        v = c.beta2 * v + (1.0 - c.beta2) * grad * grad
        bias1 = 1.0 - torch.pow(torch.full_like(t, c.beta1), t)
        bias2 = 1.0 - torch.pow(torch.full_like(t, c.beta2), t)
        z = z - (c.lr / bias1) * m / (torch.sqrt(v) / torch.sqrt(bias2) + c.eps)
        return z, m, v, t


class SearchScores(nn.Module):
    """Scores, reconstruction and anomaly map at the final z: the ONNX graph after the search loop."""

    def __init__(self, generator: ExplicitChain, features: ExplicitChain, head: ExplicitChain, feature_weight: float):
        super().__init__()
        self.generator, self.features, self.head = generator, features, head
        self.feature_weight = feature_weight

    def forward(self, x, fx, z):
        g = self.generator(z)
        fg = self.features(g)
        out = anogan_scores(x, fx, g, fg, self.head(fg).reshape(-1), self.feature_weight)
        return out["residual"], out["discrimination"], out["reference_discrimination"], out["score"], g, (x - g).abs()


SEARCH_OUTPUTS = ("z", "residual", "discrimination", "reference_discrimination", "score", "reconstruction",
                  "anomaly_map")


class ExplicitSearch(nn.Module):
    """The whole search with explicit VJPs, in PyTorch: what the exported ONNX graph computes."""

    def __init__(self, generator: nn.Module, discriminator: DCGANDiscriminator, image_shape: tuple[int, int, int],
                 config: SearchConfig):
        super().__init__()
        dtype = next(generator.parameters()).dtype
        example_z = torch.zeros(2, generator.latent_dim, dtype=dtype)
        example_x = torch.zeros(2, *image_shape, dtype=dtype)
        eg = to_explicit(generator, example_z)
        ef = to_explicit(discriminator.features, example_x)
        eh = to_explicit(discriminator.head, ef(example_x))
        self.before = FeatureExtractor(ef)
        self.step = AdamSearchStep(eg, ef, config)
        self.after = SearchScores(eg, ef, eh, config.feature_weight)

    def trajectory(self, x: torch.Tensor, z0: torch.Tensor, record_at: list[int]) -> dict[int, dict[str, torch.Tensor]]:
        """Run ``max(record_at)`` steps and return the outputs after each step count in ``record_at`` (0 = at z0)."""
        fx = self.before(x)
        z, m, v, t = z0, torch.zeros_like(z0), torch.zeros_like(z0), torch.zeros(1, dtype=z0.dtype)
        recorded = {}
        for step in range(max(record_at) + 1):
            if step in record_at:
                recorded[step] = dict(zip(SEARCH_OUTPUTS, (z, *self.after(x, fx, z))))
            if step < max(record_at):
                z, m, v, t = self.step(x, fx, z, m, v, t)
        return recorded

    def forward(self, x: torch.Tensor, z0: torch.Tensor, steps: int) -> dict[str, torch.Tensor]:
        return self.trajectory(x, z0, [steps])[steps]
