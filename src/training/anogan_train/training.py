"""Training wrappers around the plain modules of :mod:`anogan_train.nets`.

Each stage (:class:`GANStage`, :class:`BiGANStage`, :class:`InverseEncoderStage`) knows one
optimisation step and one validation criterion; :func:`fit` runs any stage with a progress bar,
a loss log, a checkpoint after every epoch, resume after a kill and model selection by the
criterion among the epochs the stage calls healthy (a generator's samples, and the BiGAN's reconstructions, must
vary). Both are computed
on held-out *normal* patches only: no anomaly and no test patch steers training.
"""
from __future__ import annotations

import copy
import csv
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from tqdm import tqdm

from .health import check_generator
from .nets import BiGANDiscriminator, ConvEncoder, DCGANDiscriminator
from .search import SearchConfig, autograd_search, frozen, per_patch_l1


class EMA:
    """Exponential moving average of a module's parameters and buffers (kept in a shadow copy)."""

    def __init__(self, module: nn.Module, decay: float):
        self.decay = decay
        self.shadow = copy.deepcopy(module).eval()
        for p in self.shadow.parameters():
            p.requires_grad_(False)

    @torch.no_grad()
    def update(self, module: nn.Module) -> None:
        for s, p in zip(self.shadow.parameters(), module.parameters()):
            s.mul_(self.decay).add_(p.detach(), alpha=1.0 - self.decay)
        for s, b in zip(self.shadow.buffers(), module.buffers()):
            s.copy_(b)


def _bce(logits: torch.Tensor, real: bool) -> torch.Tensor:
    target = torch.ones_like(logits) if real else torch.zeros_like(logits)
    return F.binary_cross_entropy_with_logits(logits, target)


def _adam(module: nn.Module, lr: float) -> torch.optim.Adam:
    return torch.optim.Adam(module.parameters(), lr=lr, betas=(0.5, 0.999))


@torch.no_grad()
def _batched(fn, data: torch.Tensor, batch: int = 256) -> torch.Tensor:
    return torch.cat([fn(data[i:i + batch]) for i in range(0, len(data), batch)])


class Stage:
    """One thing to train. Subclasses set ``name`` and the module/optimizer dicts."""

    name: str
    modules: dict[str, nn.Module]
    optimizers: dict[str, torch.optim.Optimizer]
    emas: dict[str, EMA]

    def step(self, x: torch.Tensor) -> dict[str, float]:
        raise NotImplementedError

    def criterion(self, validation: torch.Tensor) -> float:
        """Lower is better; computed on held-out normal patches only."""
        raise NotImplementedError

    def healthy(self, validation: torch.Tensor) -> bool:
        """Whether this epoch's weights may be selected at all: a generator's samples must vary (not collapsed)."""
        return True

    def selected(self) -> dict[str, nn.Module]:
        """The modules that the bundle uses (EMA copies where kept), in eval mode."""
        out = {k: m.eval() for k, m in self.modules.items()}
        out.update({k: e.shadow.eval() for k, e in self.emas.items()})
        return out

    def state_dict(self) -> dict:
        return {
            "modules": {k: m.state_dict() for k, m in self.modules.items()},
            "optimizers": {k: o.state_dict() for k, o in self.optimizers.items()},
            "emas": {k: e.shadow.state_dict() for k, e in self.emas.items()},
        }

    def load_state_dict(self, state: dict) -> None:
        for k, m in self.modules.items():
            m.load_state_dict(state["modules"][k])
        for k, o in self.optimizers.items():
            o.load_state_dict(state["optimizers"][k])
        for k, e in self.emas.items():
            e.shadow.load_state_dict(state["emas"][k])

    def train_mode(self) -> None:
        for m in self.modules.values():
            m.train()


class GANStage(Stage):
    """DCGAN training for AnoGAN (non-saturating loss, EMA of G).

    Criterion: the mean AnoGAN search loss on validation normals after a short search with the
    EMA generator from a fixed random z0 — how well G covers the normal patches.
    """

    name = "gan"

    def __init__(self, generator: nn.Module, discriminator: DCGANDiscriminator, lr: float, ema_decay: float,
                 search: SearchConfig, criterion_steps: int = 20, criterion_patches: int = 128, seed: int = 0):
        self.modules = {"generator": generator, "discriminator": discriminator}
        self.optimizers = {"generator": _adam(generator, lr), "discriminator": _adam(discriminator, lr)}
        self.emas = {"generator_ema": EMA(generator, ema_decay)}
        self.search, self.criterion_steps, self.criterion_patches = search, criterion_steps, criterion_patches
        self.z_check = torch.randn(criterion_patches, generator.latent_dim, generator=torch.Generator().manual_seed(seed))

    def step(self, x):
        g, d = self.modules["generator"], self.modules["discriminator"]
        z = torch.randn(len(x), g.latent_dim)
        fake = g(z)
        d_loss = _bce(d(x), True) + _bce(d(fake.detach()), False)
        self.optimizers["discriminator"].zero_grad(set_to_none=True)
        d_loss.backward()
        self.optimizers["discriminator"].step()
        g_loss = _bce(d(fake), True)
        self.optimizers["generator"].zero_grad(set_to_none=True)
        g_loss.backward()
        self.optimizers["generator"].step()
        self.emas["generator_ema"].update(g)
        return {"d_loss": d_loss.item(), "g_loss": g_loss.item()}

    def criterion(self, validation):
        g, d = self.emas["generator_ema"].shadow, self.modules["discriminator"].eval()
        x = validation[:self.criterion_patches]
        z = autograd_search(g, d, x, self.z_check[:len(x)], self.criterion_steps, self.search)
        with torch.no_grad():
            w = self.search.feature_weight
            gz = g(z)
            loss = (1 - w) * per_patch_l1(x, gz) + w * per_patch_l1(d.features(x), d.features(gz))
        return loss.mean().item()

    def healthy(self, validation):
        return _outputs_vary(self.emas["generator_ema"].shadow, None, validation)


class BiGANStage(Stage):
    """EGBAD's BiGAN training: D(x, E(x)) against D(G(z), z); G and E with flipped labels; EMA of G and E.

    Criterion: the mean L1 reconstruction error ‖x − G(E(x))‖₁ of validation normals.
    """

    name = "bigan"

    def __init__(self, generator: nn.Module, encoder: ConvEncoder, discriminator: BiGANDiscriminator,
                 lr: float, ema_decay: float):
        self.modules = {"generator": generator, "encoder": encoder, "discriminator": discriminator}
        self.optimizers = {
            "generator": torch.optim.Adam([*generator.parameters(), *encoder.parameters()], lr=lr, betas=(0.5, 0.999)),
            "discriminator": _adam(discriminator, lr),
        }
        self.emas = {"generator_ema": EMA(generator, ema_decay), "encoder_ema": EMA(encoder, ema_decay)}

    def step(self, x):
        g, e, d = self.modules["generator"], self.modules["encoder"], self.modules["discriminator"]
        z = torch.randn(len(x), g.latent_dim)
        fake, ex = g(z), e(x)
        d_loss = _bce(d(x, ex.detach()), True) + _bce(d(fake.detach(), z), False)
        self.optimizers["discriminator"].zero_grad(set_to_none=True)
        d_loss.backward()
        self.optimizers["discriminator"].step()
        ge_loss = _bce(d(fake, z), True) + _bce(d(x, ex), False)
        self.optimizers["generator"].zero_grad(set_to_none=True)
        ge_loss.backward()
        self.optimizers["generator"].step()
        self.emas["generator_ema"].update(g)
        self.emas["encoder_ema"].update(e)
        return {"d_loss": d_loss.item(), "ge_loss": ge_loss.item()}

    def criterion(self, validation):
        g, e = self.emas["generator_ema"].shadow, self.emas["encoder_ema"].shadow
        return _batched(lambda x: per_patch_l1(x, g(e(x))), validation).mean().item()

    def healthy(self, validation):
        g, e = self.emas["generator_ema"].shadow, self.emas["encoder_ema"].shadow
        return _outputs_vary(g, e, validation)


class InverseEncoderStage(Stage):
    """f-AnoGAN's izi_f: train E to invert a frozen G, minimising mean((x − G(E(x)))²) + κ·mean((f(x) − f(G(E(x))))²).

    Criterion: the same loss on validation normals.
    """

    name = "encoder"

    def __init__(self, encoder: ConvEncoder, generator: nn.Module, discriminator: DCGANDiscriminator,
                 lr: float, kappa: float):
        self.generator, self.discriminator, self.kappa = generator.eval(), discriminator.eval(), kappa
        for p in [*generator.parameters(), *discriminator.parameters()]:
            p.requires_grad_(False)
        self.modules = {"encoder": encoder}
        self.optimizers = {"encoder": torch.optim.Adam(encoder.parameters(), lr=lr)}
        self.emas = {}

    def _loss(self, x: torch.Tensor) -> torch.Tensor:
        g = self.generator(self.modules["encoder"](x))
        f = self.discriminator.features
        return ((x - g) ** 2).flatten(1).mean(1) + self.kappa * ((f(x) - f(g)) ** 2).flatten(1).mean(1)

    def step(self, x):
        loss = self._loss(x).mean()
        self.optimizers["encoder"].zero_grad(set_to_none=True)
        loss.backward()
        self.optimizers["encoder"].step()
        return {"izi_f_loss": loss.item()}

    def criterion(self, validation):
        self.modules["encoder"].eval()
        return _batched(self._loss, validation).mean().item()


def _outputs_vary(generator: nn.Module, encoder: nn.Module | None, validation: torch.Tensor) -> bool:
    """Whether G's samples (and, with an encoder, the reconstructions G(E(x))) vary. A reconstruction criterion can
    favour a collapsed model (a flat mean image is close, in L1, to every patch of a fine texture); such an epoch is
    never selected while a healthy one exists."""
    return not check_generator(generator, encoder, validation)["collapsed"]


@dataclass(frozen=True)
class FitResult:
    """The selected epoch (1-based), its criterion, and the training time summed over resumed invocations."""

    best_epoch: int
    best_criterion: float
    epochs_run: int
    seconds: float


def _save_atomic(obj, path: Path) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def fit(stage: Stage, train: torch.Tensor, validation: torch.Tensor, epochs: int, batch_size: int,
        run_dir: Path, seed: int, max_iterations: int | None = None, quiet: bool = False) -> FitResult:
    """Train a stage with checkpoints, resume and model selection.

    Args:
        stage: what to train.
        train, validation: normal patches in the model's range, [N, C, H, W].
        epochs: passes over ``train``.
        batch_size: patches per step (the last incomplete batch of an epoch is dropped).
        run_dir: where ``<stage>/last.pt``, ``best.pt``, ``losses.csv`` and ``epochs.csv`` go;
            a ``last.pt`` there is resumed from.
        seed: makes the run repeatable (shuffles are derived from (seed, epoch)).
        max_iterations: stop each epoch after this many steps (smoke tests).
        quiet: no progress bar.
    Returns:
        The selected epoch and its criterion; the stage's modules hold the selected weights.
    """
    if len(train) < batch_size:
        raise ValueError(f"{len(train)} training patches are fewer than one batch of {batch_size}")
    out = run_dir / stage.name
    out.mkdir(parents=True, exist_ok=True)
    last, best = out / "last.pt", out / "best.pt"
    start_epoch, best_epoch, best_value, best_healthy, seconds_before = 0, -1, float("inf"), False, 0.0
    torch.manual_seed(seed)
    if last.exists():
        state = torch.load(last)
        stage.load_state_dict(state["stage"])
        torch.set_rng_state(state["rng"])
        start_epoch, best_epoch, best_value = state["epoch"] + 1, state["best_epoch"], state["best_criterion"]
        best_healthy = state.get("best_healthy", True)
        seconds_before = state.get("seconds", 0.0)
        print(f"[{stage.name}] resuming after epoch {state['epoch'] + 1} of {epochs} from {last}", file=sys.stderr)
    per_epoch = len(train) // batch_size
    if max_iterations is not None:
        per_epoch = min(per_epoch, max_iterations)
    started = time.time()
    bar = tqdm(total=(epochs - start_epoch) * per_epoch, desc=stage.name, disable=quiet, file=sys.stderr,
               mininterval=2.0, dynamic_ncols=True)
    with open(out / "losses.csv", "a", newline="") as loss_file, open(out / "epochs.csv", "a", newline="") as epoch_file:
        loss_log, epoch_log = csv.writer(loss_file), csv.writer(epoch_file)
        for epoch in range(start_epoch, epochs):
            stage.train_mode()
            order = torch.from_numpy(np.random.default_rng([seed, epoch]).permutation(len(train)))
            for i in range(per_epoch):
                losses = stage.step(train[order[i * batch_size:(i + 1) * batch_size]])
                loss_log.writerow([epoch, i, *(f"{v:.5f}" for v in losses.values())])
                bar.set_postfix({k: f"{v:.3f}" for k, v in losses.items()}, refresh=False)
                bar.update(1)
            value, healthy = stage.criterion(validation), stage.healthy(validation)
            if (healthy and not best_healthy) or (healthy == best_healthy and value < best_value):
                best_epoch, best_value, best_healthy = epoch, value, healthy
                _save_atomic({k: m.state_dict() for k, m in stage.selected().items()}, best)
            epoch_log.writerow([epoch, f"{value:.6f}", best_epoch, int(healthy)])
            loss_file.flush()
            epoch_file.flush()
            _save_atomic({"stage": stage.state_dict(), "rng": torch.get_rng_state(), "epoch": epoch,
                          "best_epoch": best_epoch, "best_criterion": best_value, "best_healthy": best_healthy,
                          "seconds": seconds_before + time.time() - started}, last)
            bar.write(f"[{stage.name}] epoch {epoch + 1}/{epochs}: criterion {value:.4f} (best {best_value:.4f} at epoch {best_epoch + 1})")
    bar.close()
    selected = torch.load(best)
    for k, m in stage.selected().items():
        m.load_state_dict(selected[k])
    (out / "selected.json").write_text(json.dumps({"best_epoch": best_epoch + 1, "criterion": best_value}))
    return FitResult(best_epoch + 1, best_value, epochs, seconds_before + time.time() - started)
