"""Whole images: a folder of normal PNGs for training, split by whole image, and a labelled test folder.

Images are read by the project's PNG rule (:func:`anogan_train.data.read_png`: 8/16-bit, gray or
RGB, alpha dropped) and may differ in size, not in channels or pixel type. Training images are
split into train / validation / calibration *by image*, so that no tile of a held-out image is
trained on; the split keeps each held-out image's name and size, from which its tiles and their
positions follow (:class:`anogan_train.tiling.Tiling`). A test folder holds ``normal/`` and
``anomalous/`` sub-folders and, optionally, ``masks/``: a PNG per anomalous image, same name, non-zero
where the image is anomalous.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import data
from .tiling import Tiling

MIN_IMAGES = 4
SPLITS = ("train", "validation", "calibration")
TEST_FOLDERS = ("normal", "anomalous")
MASKS = "masks"


@dataclass(frozen=True)
class ImageRecord:
    """One image of a split: its file name and size."""

    name: str
    height: int
    width: int


@dataclass(frozen=True)
class ImageSplit:
    """The images of each part of a run's normals, in the order their tiles are stored."""

    tiling: Tiling
    train: list[ImageRecord]
    validation: list[ImageRecord]
    calibration: list[ImageRecord]

    def tiles_per_image(self, part: str) -> np.ndarray:
        """Tiles of each image of ``part`` (``train``, ``validation`` or ``calibration``)."""
        return np.array([len(self.tiling.positions(r.height, r.width)) for r in getattr(self, part)], dtype=np.int64)

    def to_json(self) -> dict:
        return {"tiling": self.tiling.to_manifest(),
                **{part: [vars(r) for r in getattr(self, part)] for part in SPLITS}}

    @classmethod
    def from_json(cls, value: dict) -> "ImageSplit":
        return cls(Tiling(**value["tiling"]), *([ImageRecord(**r) for r in value[part]] for part in SPLITS))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2))

    @classmethod
    def read(cls, path: Path) -> "ImageSplit":
        return cls.from_json(json.loads(path.read_text()))


def read_image(file: Path) -> np.ndarray:
    """One PNG as ``[C, H, W]`` at its true depth (see :func:`anogan_train.data.read_png`)."""
    pixels = data.read_png(file)
    return pixels[None] if pixels.ndim == 2 else np.ascontiguousarray(pixels.transpose(2, 0, 1))


def read_folder(folder: Path, option: str, tiling: Tiling) -> tuple[list[str], list[np.ndarray]]:
    """The names and ``[C, H, W]`` pixels of every PNG in ``folder`` (sorted by name).

    Raises:
        data.DataError: naming ``option``: no folder, no PNG, mixed channels or pixel types, or an image smaller
            than a tile.
    """
    if not folder.is_dir():
        raise data.DataError(f"{option} {folder}: folder not found")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".png")
    if not files:
        raise data.DataError(f"{option} {folder}: no .png files")
    images = [read_image(f) for f in files]
    for file, image in zip(files, images):
        if image.shape[0] != images[0].shape[0] or image.dtype != images[0].dtype:
            raise data.DataError(f"{option} {file}: {image.shape[0]} channel(s) of {image.dtype} but {files[0].name} has "
                                 f"{images[0].shape[0]} of {images[0].dtype}: give images of one kind")
        if min(image.shape[1:]) < tiling.patch_size:
            raise data.DataError(f"{option} {file}: {image.shape[2]}x{image.shape[1]} is smaller than a "
                                 f"{tiling.patch_size}-pixel tile (--patch-size)")
    return [f.name for f in files], images


def tiles(images: list[np.ndarray], tiling: Tiling) -> np.ndarray:
    """The tiles ``[N, C, P, P]`` of several images, image after image."""
    return np.concatenate([tiling.tile(image) for image in images])


def split_images(folder: Path, tiling: Tiling, validation_fraction: float, calibration_fraction: float,
                 seed: int) -> tuple[data.OneClassSplit, ImageSplit]:
    """Tile the normal images of ``folder`` and hold out whole images for validation and calibration.

    The images are split as :func:`anogan_train.data.split_normal` splits patches (the same shares and
    seed); each part is then tiled, image after image in name order.

    Raises:
        data.DataError: naming ``--images``: fewer than :data:`MIN_IMAGES` images, or what :func:`read_folder` refuses.
    """
    names, images = read_folder(folder, "--images", tiling)
    if len(images) < MIN_IMAGES:
        raise data.DataError(f"--images {folder}: {len(images)} image(s); at least {MIN_IMAGES} are needed to hold out "
                             "whole images for validation and calibration (cut a large image into several)")
    index = data.split_normal(np.arange(len(images)), validation_fraction, seed, calibration_fraction, what="images")
    parts = {part: np.sort(getattr(index, part)) for part in SPLITS}
    split = data.OneClassSplit(*(tiles([images[i] for i in parts[part]], tiling) for part in SPLITS))
    records = {part: [ImageRecord(names[i], *images[i].shape[1:]) for i in parts[part]] for part in SPLITS}
    return split, ImageSplit(tiling, **records)


@dataclass(frozen=True)
class TestImages:
    """A labelled test folder: images, whether each is anomalous, and its mask (None where there is none)."""

    names: list[str]
    images: list[np.ndarray]
    anomalous: np.ndarray
    masks: list[np.ndarray | None]


def read_test_folder(folder: Path, tiling: Tiling) -> TestImages:
    """Read ``normal/``, ``anomalous/`` and the optional ``masks/`` of a test folder (``--test-images``).

    Raises:
        data.DataError: naming ``--test-images``: a missing sub-folder, or a mask whose size is not its image's.
    """
    option = "--test-images"
    names, images, anomalous = [], [], []
    for sub in TEST_FOLDERS:
        sub_names, sub_images = read_folder(folder / sub, option, tiling)
        names += [f"{sub}/{n}" for n in sub_names]
        images += sub_images
        anomalous += [sub != "normal"] * len(sub_images)
    if any(image.shape[0] != images[0].shape[0] or image.dtype != images[0].dtype for image in images):
        raise data.DataError(f"{option} {folder}: normal/ and anomalous/ images differ in channels or pixel type")
    masks = []
    for name, image, bad in zip(names, images, anomalous):
        file = folder / MASKS / Path(name).name
        if not bad or not file.is_file():
            masks.append(None)
            continue
        mask = data.read_png(file)
        mask = (mask.max(-1) if mask.ndim == 3 else mask) > 0
        if mask.shape != image.shape[1:]:
            raise data.DataError(f"{option} {file}: mask {mask.shape[1]}x{mask.shape[0]} but its image is "
                                 f"{image.shape[2]}x{image.shape[1]}")
        masks.append(mask)
    return TestImages(names, images, np.array(anomalous), masks)
