"""Patch data sets: Fashion-MNIST from Debian's IDX files, or a user's own PNG folder / .npy / .npz array.

Every loader returns raw pixels as ``uint8``/``uint16``/``float32`` arrays shaped ``[N, C, H, W]``;
:class:`PixelMapping` turns them into the model's range and pads them to the network's size, and is
what the bundle's manifest records so that the service applies exactly the same transform.
"""
from __future__ import annotations

import gzip
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FASHION_MNIST_DIR = Path("/usr/share/datasets/fashion-mnist")
FASHION_MNIST_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)
MIN_SIZE, MAX_SIZE = 16, 128
ENCODING_MAX = {"uint8": 255.0, "uint16": 65535.0, "float32": 1.0}


class DataError(ValueError):
    """Raised when patch data is missing or does not have the shape the trainer expects."""


def read_idx(path: Path) -> np.ndarray:
    """Read an IDX file (optionally gzip-compressed) as used by MNIST and Fashion-MNIST.

    Args:
        path: the ``.idx`` or ``.idx.gz`` file.
    Returns:
        The array with the file's dimensions and element type.
    Raises:
        DataError: if the file is missing or is not a valid unsigned-byte IDX file.
    """
    if not path.is_file():
        raise DataError(f"IDX file not found: {path} (install Debian's dataset-fashion-mnist or pass --data-dir)")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        raw = fh.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise DataError(f"{path}: not an unsigned-byte IDX file (bad magic number {raw[:4].hex()})")
    ndim = raw[3]
    dims = struct.unpack(f">{ndim}I", raw[4:4 + 4 * ndim])
    body = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != int(np.prod(dims)):
        raise DataError(f"{path}: header says {dims} ({int(np.prod(dims))} bytes) but body has {body.size} bytes")
    return body.reshape(dims)


@dataclass(frozen=True)
class LabelledImages:
    """Raw images ``[N, C, H, W]`` with integer class labels ``[N]``."""

    images: np.ndarray
    labels: np.ndarray


def load_fashion_mnist(split: str, data_dir: Path = FASHION_MNIST_DIR) -> LabelledImages:
    """Load the Fashion-MNIST ``train`` or ``test`` split as uint8 ``[N, 1, 28, 28]``."""
    prefixes = {"train": "train", "test": "t10k"}
    if split not in prefixes:
        raise DataError(f"unknown split {split!r}: expected one of {sorted(prefixes)}")
    images = read_idx(data_dir / f"{prefixes[split]}-images-idx3-ubyte.gz")
    labels = read_idx(data_dir / f"{prefixes[split]}-labels-idx1-ubyte.gz")
    if images.shape[0] != labels.shape[0]:
        raise DataError(f"{data_dir}: {images.shape[0]} images but {labels.shape[0]} labels in the {split} split")
    return LabelledImages(images[:, None, :, :].copy(), labels.astype(np.int64))


def _channels_first(array: np.ndarray, source: str) -> np.ndarray:
    if array.ndim == 3:
        return array[:, None, :, :]
    if array.ndim == 4 and array.shape[-1] in (1, 3) and array.shape[1] not in (1, 3):
        return np.ascontiguousarray(array.transpose(0, 3, 1, 2))
    if array.ndim == 4 and array.shape[1] in (1, 3):
        return array
    raise DataError(f"{source}: expected images shaped [N,H,W], [N,H,W,C] or [N,C,H,W] with C in (1, 3), got {array.shape}")


def _check_pixels(images: np.ndarray, source: str) -> np.ndarray:
    if images.dtype == np.float64:
        images = images.astype(np.float32)
    if images.dtype.name not in ENCODING_MAX:
        raise DataError(f"{source}: pixel type {images.dtype} not supported: expected one of {sorted(ENCODING_MAX)}")
    if images.shape[0] == 0:
        raise DataError(f"{source}: no images")
    height, width = images.shape[2:]
    if height != width:
        raise DataError(f"{source}: patches must be square, got {height}x{width}")
    if not MIN_SIZE <= height <= MAX_SIZE:
        raise DataError(f"{source}: patch size {height} outside the supported {MIN_SIZE}..{MAX_SIZE}")
    if images.dtype == np.float32 and (not np.isfinite(images).all() or images.min() < 0 or images.max() > 1):
        raise DataError(f"{source}: float32 pixels must be finite and within [0, 1]")
    return images


def load_array(path: Path) -> np.ndarray:
    """Load a user's patches from ``.npy`` or ``.npz`` (key ``images``, or its only array)."""
    if not path.is_file():
        raise DataError(f"patch array not found: {path}")
    if path.suffix == ".npz":
        with np.load(path) as archive:
            keys = list(archive.keys())
            key = "images" if "images" in keys else (keys[0] if len(keys) == 1 else None)
            if key is None:
                raise DataError(f"{path}: expected an array named 'images' or a single array, found {keys}")
            array = archive[key]
    elif path.suffix == ".npy":
        array = np.load(path)
    else:
        raise DataError(f"{path}: expected a .npy or .npz file")
    return _check_pixels(_channels_first(np.asarray(array), str(path)), str(path))


def load_png_folder(path: Path) -> np.ndarray:
    """Load every ``*.png`` in a folder (sorted by name) as one grayscale or RGB array."""
    from PIL import Image

    if not path.is_dir():
        raise DataError(f"patch folder not found: {path}")
    files = sorted(path.glob("*.png"))
    if not files:
        raise DataError(f"{path}: no .png files")
    arrays = []
    for file in files:
        with Image.open(file) as img:
            mode = "L" if img.mode in ("1", "L", "I;16", "I") else "RGB"
            arr = np.asarray(img if img.mode == "I;16" else img.convert(mode))
        if arrays and arr.shape != arrays[0].shape:
            raise DataError(f"{file}: shape {arr.shape} differs from {files[0].name}'s {arrays[0].shape}")
        arrays.append(arr)
    stacked = np.stack(arrays)
    return _check_pixels(_channels_first(stacked, str(path)), str(path))


def load_patches(path: Path) -> np.ndarray:
    """Load a user's patches from a PNG folder, ``.npy`` or ``.npz``."""
    return load_png_folder(path) if path.is_dir() else load_array(path)


def model_size(size: int) -> int:
    """The network's input size for a patch size: the next power of two (28 → 32, 48 → 64)."""
    return 1 << (size - 1).bit_length()


@dataclass(frozen=True)
class PixelMapping:
    """How raw pixels become the model's input: ``x = raw / encoding_max * scale + offset``, then a pad.

    The generator ends in tanh, so the model range is [-1, 1] (scale 2, offset -1). Patches are
    padded, not resized, to the network's power-of-two size: a pad keeps every raw pixel and is
    exact to reproduce in the Java service; the pad value is the model-range value of a raw 0.
    """

    patch_size: int
    model_size: int
    scale: float = 2.0
    offset: float = -1.0

    @property
    def pad_before(self) -> int:
        return (self.model_size - self.patch_size) // 2

    @property
    def pad_after(self) -> int:
        return self.model_size - self.patch_size - self.pad_before

    @property
    def pad_value(self) -> float:
        return self.offset

    @classmethod
    def for_size(cls, patch_size: int) -> "PixelMapping":
        return cls(patch_size, model_size(patch_size))

    def apply(self, raw: np.ndarray) -> np.ndarray:
        """Map raw ``[N, C, S, S]`` pixels to padded float32 model input ``[N, C, M, M]``."""
        if raw.shape[-1] != self.patch_size or raw.shape[-2] != self.patch_size:
            raise DataError(f"patch size {raw.shape[-2]}x{raw.shape[-1]} does not match the model's {self.patch_size}")
        x = raw.astype(np.float32) / np.float32(ENCODING_MAX[raw.dtype.name]) * np.float32(self.scale) + np.float32(self.offset)
        pad = ((0, 0), (0, 0), (self.pad_before, self.pad_after), (self.pad_before, self.pad_after))
        return np.pad(x, pad, constant_values=np.float32(self.pad_value))

    def to_manifest(self) -> dict:
        return {
            "patch_size": self.patch_size,
            "encoding_max": ENCODING_MAX,
            "scale": self.scale,
            "offset": self.offset,
            "formula": "x = raw / encoding_max[encoding] * scale + offset",
            "pad": {"top": self.pad_before, "bottom": self.pad_after, "left": self.pad_before,
                    "right": self.pad_after, "value": self.pad_value},
        }


@dataclass(frozen=True)
class OneClassSplit:
    """Normal patches in three disjoint parts.

    ``train`` fits the networks, ``validation`` selects checkpoints (and scales scores), and
    ``calibration`` sets the thresholds: no model choice ever sees the calibration patches, so the
    false-positive rate they promise holds on new normals.
    """

    train: np.ndarray
    validation: np.ndarray
    calibration: np.ndarray


def split_normal(images: np.ndarray, validation_fraction: float, seed: int,
                 calibration_fraction: float = 0.2) -> OneClassSplit:
    """Hold out random shares of the normal patches for selection and calibration; the test set is never touched here."""
    for name, fraction in (("validation", validation_fraction), ("calibration", calibration_fraction)):
        if not 0 < fraction < 1:
            raise DataError(f"{name} fraction must be in (0, 1), got {fraction}")
    order = np.random.default_rng(seed).permutation(len(images))
    n_val = max(1, int(round(len(images) * validation_fraction)))
    n_cal = max(1, int(round(len(images) * calibration_fraction)))
    if n_val + n_cal >= len(images):
        raise DataError(f"{len(images)} normal patches are too few to hold out {validation_fraction:.0%} for validation "
                        f"and {calibration_fraction:.0%} for calibration")
    return OneClassSplit(images[order[n_val + n_cal:]], images[order[:n_val]], images[order[n_val:n_val + n_cal]])


def fashion_mnist_normal_class(normal_class: int, data_dir: Path = FASHION_MNIST_DIR) -> np.ndarray:
    """The training images of one Fashion-MNIST class (the normal class of the one-class protocol)."""
    if normal_class not in range(len(FASHION_MNIST_CLASSES)):
        raise DataError(f"unknown Fashion-MNIST class {normal_class}: expected 0..9 ({', '.join(FASHION_MNIST_CLASSES)})")
    train = load_fashion_mnist("train", data_dir)
    return train.images[train.labels == normal_class]
