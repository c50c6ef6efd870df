"""A training run: its configuration, its data split and the three trained models, kept in a run folder.

Layout of a run folder: ``config.json`` (everything needed to rebuild the split and the networks),
``patches/`` (a copy of the split: ``train.npy``, ``validation.npy``, ``calibration.npy`` and, when the
test set comes from the training data, ``test.npz``; for a run on whole images, ``images.json``: which
images each part holds and the tiling; so that ``evaluate`` and ``export`` work after the training data
has moved), one sub-folder per stage (``gan``, ``bigan``, ``encoder``: checkpoints and loss logs), and
``models.pt`` (the selected weights) and ``training.json`` once training has finished.
"""
from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

from . import data, images
from .nets import BiGANDiscriminator, BiGANGenerator, ConvEncoder, DCGANDiscriminator, DCGANGenerator
from .search import SearchConfig
from .training import BiGANStage, GANStage, InverseEncoderStage, fit

FASHION_MNIST = "fashion-mnist"
NORMAL_LABEL_OPTION = "--normal-label (or --normal-class)"
PATCHES = "patches"
IMAGES = "images.json"


class ConfigError(ValueError):
    """An option with a value the trainer cannot use; the message names the option."""


@dataclass
class TrainConfig:
    """What a run trains on and how.

    ``source`` is ``fashion-mnist``, the path of the user's patches (see :func:`data.load_labelled`) or,
    when ``tiling`` (``{"patch_size": .., "stride": ..}``) is set, a folder of whole normal images that
    are tiled and split by image (:func:`anogan_train.images.split_images`); ``normal_class`` is the Fashion-MNIST class, ``normal_labels`` the normal labels of the user's
    labelled data; ``test_data`` the user's labelled test set. Every stage trains for at least
    ``min_steps`` optimiser steps (more epochs on small data sets), except in smoke runs
    (``max_iterations`` set).
    """

    source: str = FASHION_MNIST
    normal_class: int | None = 0
    normal_labels: list[str] | None = None
    test_data: str | None = None
    data_dir: str = str(data.FASHION_MNIST_DIR)
    latent_dim: int = 100
    width: int = 32
    batch_size: int = 64
    epochs_gan: int = 20
    epochs_bigan: int = 15
    epochs_encoder: int = 10
    min_steps: int = 3000
    lr: float = 2e-4
    encoder_lr: float = 1e-3
    ema_decay: float = 0.995
    kappa: float = 1.0
    validation_fraction: float = 0.1
    calibration_fraction: float = 0.2
    test_fraction: float = 0.1
    seed: int = 0
    max_iterations: int | None = None
    tiling: dict | None = None
    search: dict = field(default_factory=lambda: asdict(SearchConfig()))

    def check(self) -> None:
        """Refuse values no run can use, naming the option.

        Raises:
            ConfigError: naming the option and what was expected.
        """
        positive = {"latent_dim": self.latent_dim, "width": self.width, "batch_size": self.batch_size,
                    "epochs_gan": self.epochs_gan, "epochs_bigan": self.epochs_bigan,
                    "epochs_encoder": self.epochs_encoder, "lr": self.lr, "encoder_lr": self.encoder_lr}
        if self.max_iterations is not None:
            positive["max_iterations"] = self.max_iterations
        for name, value in positive.items():
            if not value > 0:
                raise ConfigError(f"--{name.replace('_', '-')} must be positive, got {value}")
        if self.min_steps < 0:
            raise ConfigError(f"--min-steps must be 0 or more, got {self.min_steps}")
        if not 0 <= self.ema_decay < 1:
            raise ConfigError(f"--ema-decay must be in [0, 1), got {self.ema_decay}")
        if not 0 < self.validation_fraction < 1:
            raise ConfigError(f"--validation-fraction must be in (0, 1), got {self.validation_fraction}")
        if not 0 < self.test_fraction < 1:
            raise ConfigError(f"--test-fraction must be in (0, 1), got {self.test_fraction}")
        if self.tiling is not None:
            self._check_images()
        if self.source == FASHION_MNIST:
            if self.normal_labels:
                raise ConfigError("--normal-label is for labelled --data of your own; Fashion-MNIST takes --normal-class")
            if self.test_data:
                raise ConfigError("--test-data is for --data of your own; Fashion-MNIST runs test on its test split")
            if self.normal_class is None:
                raise ConfigError("a Fashion-MNIST run needs --normal-class (0..9)")
        elif self.normal_class is not None:
            raise ConfigError(f"--normal-class is for Fashion-MNIST; with --data {self.source} name the normal "
                              "labels with --normal-label")

    def _check_images(self) -> None:
        tiling = images.Tiling(**self.tiling)
        if not data.MIN_SIZE <= tiling.patch_size <= data.MAX_SIZE:
            raise ConfigError(f"--patch-size must be in {data.MIN_SIZE}..{data.MAX_SIZE}, got {tiling.patch_size}")
        if self.source == FASHION_MNIST:
            raise ConfigError("a run on whole images needs --images FOLDER")
        for option, value in (("--normal-label", self.normal_labels), ("--test-data", self.test_data),
                              ("--normal-class", self.normal_class)):
            if value is not None:
                raise ConfigError(f"{option} is for --data patches; --images are all normal (test whole images "
                                  "with 'evaluate --test-images')")

    def describe_data(self) -> str:
        if self.tiling is not None:
            return (f"{self.source} (whole images in {self.tiling['patch_size']}-pixel tiles every "
                    f"{self.tiling['stride']} pixels)")
        if self.source == FASHION_MNIST:
            return f"Fashion-MNIST train, class {self.normal_class} ({data.FASHION_MNIST_CLASSES[self.normal_class]})"
        if self.normal_labels:
            return f"{self.source} (normal: {', '.join(self.normal_labels)})"
        return self.source

    def describe_test(self) -> str:
        if self.source == FASHION_MNIST:
            return (f"Fashion-MNIST test: class {self.normal_class} ({data.FASHION_MNIST_CLASSES[self.normal_class]}) "
                    "normal, the nine others anomalous")
        return self.test_data or f"{self.source}: its anomalous patches and held-out normals"


@dataclass(frozen=True)
class RunData:
    """The patches of a run: the normal split, the test set taken from the training data (or None), and for a
    run on whole images the images each part of the split was tiled from (or None)."""

    split: data.OneClassSplit
    test: data.LabelledPatches | None = None
    images: images.ImageSplit | None = None


def load_run_data(config: TrainConfig) -> RunData:
    """Load and split the training data of a configuration.

    Fashion-MNIST: the normal class's training images. The user's data: the normal-labelled patches
    (all of them if unlabelled). When the user's training data holds anomalous-labelled patches and no
    ``test_data`` is given, a ``test_fraction`` share of the normals is held out beside the validation
    share, and those normals with all the anomalous patches make the run's test set; training never
    sees either.

    Raises:
        data.DataError: missing or malformed data, no normal patches, or normal labels given for
            unlabelled data (they would be ignored).
    """
    if config.source == FASHION_MNIST:
        if config.normal_class is None:
            raise data.DataError("a Fashion-MNIST run needs --normal-class (0..9)")
        raw = data.fashion_mnist_normal_class(config.normal_class, Path(config.data_dir))
        return RunData(data.split_normal(raw, config.validation_fraction, config.seed, config.calibration_fraction))
    if config.tiling is not None:
        split, held = images.split_images(Path(config.source), images.Tiling(**config.tiling),
                                          config.validation_fraction, config.calibration_fraction, config.seed)
        return RunData(split, None, held)
    patches = data.load_labelled(Path(config.source), config.normal_labels, NORMAL_LABEL_OPTION)
    if config.normal_labels and not patches.labelled and not config.test_data:
        raise data.DataError(f"--data {config.source} is unlabelled (all its patches are normal): "
                             f"{NORMAL_LABEL_OPTION} applies only to labelled data (class sub-folders, an npz with labels)")
    normals = patches.normal
    if len(normals) == 0:
        raise data.DataError(f"--data {config.source}: no normal patches (normal labels: {config.normal_labels})")
    data.PixelMapping.for_size(int(normals.shape[2]))
    if patches.anomalous.any() and not config.test_data:
        # split indices (the same permutation as splitting the patches) to keep the held-out normals' names
        index = data.split_normal(np.arange(len(normals)), config.validation_fraction, config.seed,
                                 config.calibration_fraction, config.test_fraction)
        split = data.OneClassSplit(normals[index.train], normals[index.validation], normals[index.calibration])
        held_out = patches.subset(~patches.anomalous).subset(index.test)
        return RunData(split, data.LabelledPatches.concatenate([patches.subset(patches.anomalous), held_out]))
    return RunData(data.split_normal(normals, config.validation_fraction, config.seed, config.calibration_fraction))


def load_normal_patches(config: TrainConfig) -> np.ndarray:
    """The raw normal patches [N, C, S, S] the run trains on (training and validation; before the split)."""
    split = load_run_data(config).split
    return np.concatenate([split.train, split.validation, split.calibration])


def stored_data(run_dir: Path) -> RunData | None:
    """The copy of the split written at training time (``patches/``), or None for runs made before it was kept."""
    folder = run_dir / PATCHES
    if not (folder / "train.npy").exists():
        return None
    split = data.OneClassSplit(np.load(folder / "train.npy"), np.load(folder / "validation.npy"),
                               np.load(folder / "calibration.npy"))
    test = data.LabelledPatches.read(folder / "test.npz") if (folder / "test.npz").exists() else None
    held = images.ImageSplit.read(folder / IMAGES) if (folder / IMAGES).exists() else None
    return RunData(split, test, held)


def _has_progress(run_dir: Path) -> bool:
    return (run_dir / "models.pt").exists() or any(run_dir.glob("*/last.pt"))


class Run:
    """A run folder opened for training, evaluation or export."""

    def __init__(self, run_dir: Path, config: TrainConfig, run_data: RunData | None = None):
        self.dir, self.config = run_dir, config
        self.data = run_data or stored_data(run_dir) or self._load_source(run_dir, config)
        self.split, self.images = self.data.split, self.data.images
        raw = self.split.train
        self.channels, self.patch_size = int(raw.shape[1]), int(raw.shape[2])
        self.encoding = raw.dtype.name
        self.mapping = data.PixelMapping.for_size(self.patch_size, self.encoding)
        self.search = SearchConfig(**config.search)
        torch.manual_seed(config.seed)
        size, z, w, c = self.mapping.model_size, config.latent_dim, config.width, self.channels
        self.models = {
            "generator": DCGANGenerator(z, c, size, w), "discriminator": DCGANDiscriminator(c, size, w),
            "inverse_encoder": ConvEncoder(z, c, size, w),
            "bigan_generator": BiGANGenerator(z, c, size, w), "bigan_encoder": ConvEncoder(z, c, size, w),
            "bigan_discriminator": BiGANDiscriminator(z, c, size, w),
        }

    @staticmethod
    def _load_source(run_dir: Path, config: TrainConfig) -> RunData:
        try:
            return load_run_data(config)
        except data.DataError as e:
            if run_dir is None or config.source == FASHION_MNIST:
                raise
            raise data.DataError(f"{e} (and {run_dir / PATCHES} holds no copy: the run predates it)") from None

    def _store_data(self) -> None:
        folder = self.dir / PATCHES
        folder.mkdir(exist_ok=True)
        np.save(folder / "train.npy", self.split.train)
        np.save(folder / "validation.npy", self.split.validation)
        np.save(folder / "calibration.npy", self.split.calibration)
        if self.data.test is not None:
            self.data.test.save(folder / "test.npz")
        elif (folder / "test.npz").exists():
            (folder / "test.npz").unlink()
        if self.images is not None:
            self.images.save(folder / IMAGES)
        elif (folder / IMAGES).exists():
            (folder / IMAGES).unlink()

    def test_set(self, test_data: Path | None = None) -> data.LabelledPatches:
        """The labelled test set of the run (raw pixels, not mapped).

        Fashion-MNIST: the whole test split, the run's normal class normal and the nine others anomalous.
        The user's data: ``test_data`` if given, else the run's ``--test-data``, else, when the training
        data held anomalous-labelled patches, those patches plus the normals held out of training for
        this purpose (the ``--test-fraction`` share; see :func:`load_run_data`).

        Raises:
            data.DataError: no test set (naming --test-data), an unlabelled test set, or one without
                both normal and anomalous patches.
        """
        c = self.config
        if self.images is not None and test_data is None:
            raise data.DataError(f"{self.dir} is a run on whole images: test it with --test-images FOLDER (normal/, "
                                 "anomalous/ and optional masks/ sub-folders)")
        if c.source == FASHION_MNIST and test_data is None:
            test = data.load_fashion_mnist("test", Path(c.data_dir))
            names = np.array(data.FASHION_MNIST_CLASSES)[test.labels]
            return data.LabelledPatches(test.images, test.labels != c.normal_class, None, names)
        path = test_data or (Path(c.test_data) if c.test_data else None)
        if path is None:
            if self.data.test is not None:
                return self.data.test
            raise data.DataError(f"no test set for {c.source}: its patches are all normal; give a labelled test set "
                                 "with --test-data (a folder with normal/ and anomalous sub-folders, or an npz with labels)")
        normal_labels = c.normal_labels or ([str(c.normal_class)] if c.source == FASHION_MNIST else None)
        test = data.load_labelled(path, normal_labels, NORMAL_LABEL_OPTION)
        if not test.labelled:
            raise data.DataError(f"--test-data {path} is unlabelled: give a folder with normal/ and anomalous "
                                 "sub-folders, or an npz with labels")
        if test.anomalous.all() or not test.anomalous.any():
            raise data.DataError(f"--test-data {path}: needs both normal and anomalous patches, "
                                 f"has {int((~test.anomalous).sum())} normal and {int(test.anomalous.sum())} anomalous")
        if test.images.shape[1:] != self.split.train.shape[1:]:
            raise data.DataError(f"--test-data {path}: patches shaped {test.images.shape[1:]} but the run trained on "
                                 f"{self.split.train.shape[1:]}")
        return test

    def stage_epochs(self, epochs: int) -> int:
        """Epochs of a stage: ``epochs``, raised so that the stage takes at least ``min_steps`` optimiser steps.

        Smoke runs (``max_iterations`` set) keep ``epochs``.
        """
        c = self.config
        if c.max_iterations is not None or c.min_steps == 0:
            return epochs
        per_epoch = max(1, len(self.split.train) // c.batch_size)
        return max(epochs, math.ceil(c.min_steps / per_epoch))

    @property
    def image_shape(self) -> tuple[int, int, int]:
        return self.channels, self.mapping.model_size, self.mapping.model_size

    def tensor(self, raw: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(self.mapping.apply(raw))

    @classmethod
    def create(cls, run_dir: Path, config: TrainConfig) -> "Run":
        """Open a run folder for training: a new one, the same configuration again (resume), or one whose
        earlier attempt never got to a checkpoint (its configuration is replaced).

        The data is loaded and checked before anything is written, so a rejected attempt leaves nothing
        that blocks a retry with corrected options.

        Raises:
            ConfigError: a bad option, or a folder holding checkpoints of a different configuration.
            data.DataError: the data cannot be used.
        """
        config.check()
        path = run_dir / "config.json"
        resume = False
        if path.exists():
            saved = TrainConfig(**json.loads(path.read_text()))
            if saved != config and _has_progress(run_dir):
                changed = [f"--{k.replace('_', '-')}" for k, v in asdict(config).items() if asdict(saved).get(k) != v]
                raise ConfigError(f"{run_dir} holds checkpoints of a different configuration (changed: "
                                  f"{', '.join(changed)}); resume with the same options or use a new --run-dir")
            resume = saved == config
        run = cls(run_dir, config, (resume and stored_data(run_dir)) or load_run_data(config))
        if len(run.split.train) < config.batch_size:
            option = "--images" if config.tiling else "--data"
            raise data.DataError(f"{option} {config.source}: {len(run.split.train)} training patches are fewer than one "
                                 f"batch (--batch-size {config.batch_size})")
        run_dir.mkdir(parents=True, exist_ok=True)
        run._store_data()
        path.write_text(json.dumps(asdict(config), indent=2))
        return run

    @classmethod
    def open(cls, run_dir: Path) -> "Run":
        """Open a finished run; its patches come from the run folder's copy (the training data may be gone)."""
        path = run_dir / "config.json"
        if not path.exists():
            raise FileNotFoundError(f"{path} not found: is {run_dir} a run folder made by 'anogan-train train'?")
        weights = run_dir / "models.pt"
        if not weights.exists():
            raise FileNotFoundError(f"{weights} not found: training of {run_dir} has not finished")
        run = cls(run_dir, TrainConfig(**json.loads(path.read_text())))
        for name, state in torch.load(weights).items():
            run.models[name].load_state_dict(state)
        for m in run.models.values():
            m.eval()
        return run

    def train(self, quiet: bool = False) -> dict:
        """Train the three stages in order (each resumes from its last checkpoint) and save ``models.pt``.

        Afterwards the selected generators are checked for collapse (:mod:`anogan_train.health`): the
        verdict goes into ``training.json`` under ``health``, with a WARNING block on stderr if it failed.
        """
        from . import health

        c, m = self.config, self.models
        train, val = self.tensor(self.split.train), self.tensor(self.split.validation)
        common = dict(train=train, validation=val, batch_size=c.batch_size, run_dir=self.dir, seed=c.seed,
                      max_iterations=c.max_iterations, quiet=quiet)
        epochs = {"gan": self.stage_epochs(c.epochs_gan), "encoder": self.stage_epochs(c.epochs_encoder),
                  "bigan": self.stage_epochs(c.epochs_bigan)}
        print(f"training on {len(train)} normal patches of {c.describe_data()}, {len(val)} held out", file=sys.stderr)
        print(self.describe_length(epochs), file=sys.stderr)
        gan = GANStage(m["generator"], m["discriminator"], c.lr, c.ema_decay, self.search, seed=c.seed)
        report = {"gan": fit(gan, epochs=epochs["gan"], **common)}
        m["generator"] = gan.selected()["generator_ema"]
        early = health.check_generator(m["generator"], None, val, c.seed)
        if early["collapsed"]:
            health.report({"dcgan": early})
        encoder = InverseEncoderStage(m["inverse_encoder"], m["generator"], m["discriminator"], c.encoder_lr, c.kappa)
        report["encoder"] = fit(encoder, epochs=epochs["encoder"], **common)
        bigan = BiGANStage(m["bigan_generator"], m["bigan_encoder"], m["bigan_discriminator"], c.lr, c.ema_decay)
        report["bigan"] = fit(bigan, epochs=epochs["bigan"], **common)
        m["bigan_generator"], m["bigan_encoder"] = bigan.selected()["generator_ema"], bigan.selected()["encoder_ema"]
        torch.save({k: v.state_dict() for k, v in m.items()}, self.dir / "models.tmp")
        os.replace(self.dir / "models.tmp", self.dir / "models.pt")  # atomic: Ctrl-C leaves no half-written file
        summary = {k: asdict(v) for k, v in report.items()}
        summary["health"] = health.check_models(m, val, c.seed)
        health.report(summary["health"])
        (self.dir / "training.json").write_text(json.dumps(summary, indent=2))
        return summary

    def describe_length(self, epochs: dict[str, int]) -> str:
        """One line: epochs and optimiser steps per stage, and whether ``min_steps`` raised them."""
        c = self.config
        per_epoch = len(self.split.train) // c.batch_size
        if c.max_iterations is not None:
            per_epoch = min(per_epoch, c.max_iterations)
        asked = {"gan": c.epochs_gan, "encoder": c.epochs_encoder, "bigan": c.epochs_bigan}
        parts = [f"{k} {n} epochs ({n * per_epoch} steps{', raised from ' + str(asked[k]) if n > asked[k] else ''})"
                 for k, n in epochs.items()]
        floor = (f"at least {c.min_steps} steps per stage (--min-steps)" if c.max_iterations is None
                 else "no step floor in a smoke run (--max-iterations)")
        return f"length: {per_epoch} steps per epoch; {'; '.join(parts)}; {floor}"
