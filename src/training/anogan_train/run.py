"""A training run: its configuration, its data split and the three trained models, kept in a run folder.

Layout of a run folder: ``config.json`` (everything needed to rebuild the split and the networks),
one sub-folder per stage (``gan``, ``bigan``, ``encoder``: checkpoints and loss logs), and
``models.pt`` (the selected weights) once training has finished.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

from . import data
from .nets import BiGANDiscriminator, BiGANGenerator, ConvEncoder, DCGANDiscriminator, DCGANGenerator
from .search import SearchConfig
from .training import BiGANStage, GANStage, InverseEncoderStage, fit

FASHION_MNIST = "fashion-mnist"


@dataclass
class TrainConfig:
    """What a run trains on and how. ``source`` is ``fashion-mnist`` or the path of the user's patches."""

    source: str = FASHION_MNIST
    normal_class: int | None = 0
    data_dir: str = str(data.FASHION_MNIST_DIR)
    latent_dim: int = 100
    width: int = 32
    batch_size: int = 64
    epochs_gan: int = 20
    epochs_bigan: int = 15
    epochs_encoder: int = 10
    lr: float = 2e-4
    encoder_lr: float = 1e-3
    ema_decay: float = 0.995
    kappa: float = 1.0
    validation_fraction: float = 0.1
    calibration_fraction: float = 0.2
    seed: int = 0
    max_iterations: int | None = None
    search: dict = field(default_factory=lambda: asdict(SearchConfig()))

    def describe_data(self) -> str:
        if self.source == FASHION_MNIST:
            return f"Fashion-MNIST train, class {self.normal_class} ({data.FASHION_MNIST_CLASSES[self.normal_class]})"
        return self.source


def load_normal_patches(config: TrainConfig) -> np.ndarray:
    """The raw normal patches [N, C, S, S] the run trains on (before the validation split)."""
    if config.source == FASHION_MNIST:
        if config.normal_class is None:
            raise data.DataError("a Fashion-MNIST run needs --normal-class (0..9)")
        return data.fashion_mnist_normal_class(config.normal_class, Path(config.data_dir))
    return data.load_patches(Path(config.source))


class Run:
    """A run folder opened for training, evaluation or export."""

    def __init__(self, run_dir: Path, config: TrainConfig):
        self.dir, self.config = run_dir, config
        raw = load_normal_patches(config)
        self.channels, self.patch_size = int(raw.shape[1]), int(raw.shape[2])
        self.mapping = data.PixelMapping.for_size(self.patch_size)
        self.encoding = raw.dtype.name
        self.split = data.split_normal(raw, config.validation_fraction, config.seed, config.calibration_fraction)
        self.search = SearchConfig(**config.search)
        torch.manual_seed(config.seed)
        size, z, w, c = self.mapping.model_size, config.latent_dim, config.width, self.channels
        self.models = {
            "generator": DCGANGenerator(z, c, size, w), "discriminator": DCGANDiscriminator(c, size, w),
            "inverse_encoder": ConvEncoder(z, c, size, w),
            "bigan_generator": BiGANGenerator(z, c, size, w), "bigan_encoder": ConvEncoder(z, c, size, w),
            "bigan_discriminator": BiGANDiscriminator(z, c, size, w),
        }

    @property
    def image_shape(self) -> tuple[int, int, int]:
        return self.channels, self.mapping.model_size, self.mapping.model_size

    def tensor(self, raw: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(self.mapping.apply(raw))

    @classmethod
    def create(cls, run_dir: Path, config: TrainConfig) -> "Run":
        run_dir.mkdir(parents=True, exist_ok=True)
        path = run_dir / "config.json"
        if path.exists():
            saved = TrainConfig(**json.loads(path.read_text()))
            if saved != config:
                raise ValueError(f"{path} holds a different configuration; resume with the same options or use a new --run-dir")
        else:
            path.write_text(json.dumps(asdict(config), indent=2))
        return cls(run_dir, config)

    @classmethod
    def open(cls, run_dir: Path) -> "Run":
        path = run_dir / "config.json"
        if not path.exists():
            raise FileNotFoundError(f"{path} not found: is {run_dir} a run folder made by 'anogan-train train'?")
        run = cls(run_dir, TrainConfig(**json.loads(path.read_text())))
        weights = run_dir / "models.pt"
        if not weights.exists():
            raise FileNotFoundError(f"{weights} not found: training of {run_dir} has not finished")
        for name, state in torch.load(weights).items():
            run.models[name].load_state_dict(state)
        for m in run.models.values():
            m.eval()
        return run

    def train(self, quiet: bool = False) -> dict:
        """Train the three stages in order (each resumes from its last checkpoint) and save ``models.pt``."""
        c, m = self.config, self.models
        train, val = self.tensor(self.split.train), self.tensor(self.split.validation)
        common = dict(train=train, validation=val, batch_size=c.batch_size, run_dir=self.dir, seed=c.seed,
                      max_iterations=c.max_iterations, quiet=quiet)
        print(f"training on {len(train)} normal patches of {c.describe_data()}, {len(val)} held out", file=sys.stderr)
        gan = GANStage(m["generator"], m["discriminator"], c.lr, c.ema_decay, self.search, seed=c.seed)
        report = {"gan": fit(gan, epochs=c.epochs_gan, **common)}
        m["generator"] = gan.selected()["generator_ema"]
        encoder = InverseEncoderStage(m["inverse_encoder"], m["generator"], m["discriminator"], c.encoder_lr, c.kappa)
        report["encoder"] = fit(encoder, epochs=c.epochs_encoder, **common)
        bigan = BiGANStage(m["bigan_generator"], m["bigan_encoder"], m["bigan_discriminator"], c.lr, c.ema_decay)
        report["bigan"] = fit(bigan, epochs=c.epochs_bigan, **common)
        m["bigan_generator"], m["bigan_encoder"] = bigan.selected()["generator_ema"], bigan.selected()["encoder_ema"]
        torch.save({k: v.state_dict() for k, v in m.items()}, self.dir / "models.pt")
        summary = {k: asdict(v) for k, v in report.items()}
        (self.dir / "training.json").write_text(json.dumps(summary, indent=2))
        return summary
