"""Patch data sets: Fashion-MNIST from Debian's IDX files, or a user's own PNG folder / .npy / .npz array.

Every loader returns raw pixels as ``uint8``/``uint16``/``float32`` arrays shaped ``[N, C, H, W]``;
:class:`PixelMapping` turns them into the model's range and pads them to the network's size, and is
what the bundle's manifest records so that the service applies exactly the same transform.

A user's data comes in three forms (:func:`load_labelled`):

* a folder with a ``normal/`` sub-folder of PNGs (the normal sub-folder's name can be changed with
  the normal labels); every other sub-folder is an anomalous class;
* an ``.npz`` holding the patches (``x`` or ``images``) and ``labels``; the normal labels say which
  labels are normal;
* plain unlabelled patches: a folder of PNGs, an ``.npy``, or an ``.npz`` without ``labels``; all
  of them are normal.

PNGs are read at their true depth: 8-bit grayscale as uint8, 16-bit grayscale as uint16 (Pillow
opens those as mode ``I``; they are not clipped to 8 bits), RGB as uint8. Alpha is dropped (gray +
alpha is read as gray, RGBA as RGB); a palette image is read as RGB. 16-bit RGB PNGs are refused
(Pillow cannot read them without losing the low byte): save them as a uint16 ``.npy`` instead.
"""
from __future__ import annotations

import contextlib
import gzip
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FASHION_MNIST_DIR = Path("/usr/share/datasets/fashion-mnist")
FASHION_MNIST_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)
MIN_SIZE, MAX_SIZE = 8, 128
MIN_MODEL_SIZE = 16  # the smallest network side (nets._levels): smaller patches are padded up to it
NORMAL_FOLDER = "normal"
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


def _npz_images_key(keys: list[str], path: Path) -> str:
    for key in ("x", "images"):
        if key in keys:
            return key
    rest = [k for k in keys if k != "labels"]
    if len(rest) == 1:
        return rest[0]
    raise DataError(f"{path}: expected an array named 'x' or 'images' (and optionally 'labels'), found {keys}")


@contextlib.contextmanager
def _reading(path: Path):
    """Turn a reader's failure on a corrupt or unexpected file into a DataError naming the file."""
    try:
        yield
    except DataError:
        raise
    except (OSError, ValueError, SyntaxError, EOFError, KeyError, zipfile.BadZipFile) as e:
        raise DataError(f"{path}: cannot be read ({type(e).__name__}: {e})") from None


def load_array(path: Path) -> np.ndarray:
    """Load a user's patches from ``.npy`` or ``.npz`` (key ``x`` or ``images``, or its only array besides ``labels``)."""
    if not path.is_file():
        raise DataError(f"patch array not found: {path}")
    if path.suffix == ".npz":
        with _reading(path), np.load(path) as archive:
            array = archive[_npz_images_key(list(archive.keys()), path)]
    elif path.suffix == ".npy":
        with _reading(path):
            array = np.load(path)
    else:
        raise DataError(f"{path}: expected a .npy or .npz file")
    return _check_pixels(_channels_first(np.asarray(array), str(path)), str(path))


def _png_header(file: Path) -> tuple[int, int]:
    """The bit depth and colour type of a PNG, read from its IHDR chunk."""
    with open(file, "rb") as fh:
        head = fh.read(26)
    if len(head) < 26 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise DataError(f"{file}: not a PNG file")
    return head[24], head[25]


def read_png(file: Path) -> np.ndarray:
    """Read one PNG at its true depth as ``[H, W]`` (gray, uint8 or uint16) or ``[H, W, 3]`` (RGB, uint8).

    Alpha is dropped; 16-bit colour PNGs are refused (see the module docstring).
    """
    from PIL import Image

    depth, colour = _png_header(file)
    if depth == 16 and colour in (2, 4, 6):
        kind = {2: "RGB", 4: "gray+alpha", 6: "RGBA"}[colour]
        raise DataError(f"{file}: 16-bit {kind} PNGs are not supported (Pillow drops their low byte); "
                        "save 16-bit patches as grayscale PNGs or as a uint16 .npy")
    with _reading(file), Image.open(file) as img:
        if depth == 16:  # 16-bit grayscale: Pillow's mode I (int32) or I;16
            arr = np.asarray(img)
            if arr.min() < 0 or arr.max() > 65535:
                raise DataError(f"{file}: 16-bit PNG with values outside 0..65535")
            return arr.astype(np.uint16)
        if img.mode in ("1", "L", "LA", "I", "I;16"):
            return np.asarray(img.convert("L"))
        return np.asarray(img.convert("RGB"))


def _png_files(path: Path) -> list[Path]:
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".png")
    if not files:
        raise DataError(f"{path}: no .png files")
    return files


def load_png_folder(path: Path) -> np.ndarray:
    """Load every ``*.png`` in a folder (sorted by name) as one grayscale or RGB array (see :func:`read_png`)."""
    if not path.is_dir():
        raise DataError(f"patch folder not found: {path}")
    images, _ = _read_pngs(_png_files(path))
    return _check_pixels(_channels_first(images, str(path)), str(path))


def _read_pngs(files: list[Path], first: tuple[Path, np.ndarray] | None = None) -> tuple[np.ndarray, tuple[Path, np.ndarray]]:
    arrays = []
    for file in files:
        arr = read_png(file)
        if first is None:
            first = (file, arr)
        if arr.shape != first[1].shape:
            raise DataError(f"{file}: shape {arr.shape} differs from {first[0]}'s {first[1].shape}")
        if arr.dtype != first[1].dtype:
            raise DataError(f"{file}: {arr.dtype} pixels but {first[0]} has {first[1].dtype}: "
                            "mixing 8- and 16-bit PNGs is not supported")
        arrays.append(arr)
    return np.stack(arrays), first


def load_patches(path: Path) -> np.ndarray:
    """Load all of a user's patches from a PNG folder, ``.npy`` or ``.npz``, ignoring any labels."""
    return load_labelled(path, None).images


@dataclass(frozen=True)
class LabelledPatches:
    """Raw patches ``[N, C, H, W]`` (uint8/uint16/float32, as stored) with a verdict per patch.

    Attributes:
        images: the raw pixels.
        anomalous: bool ``[N]``; all False for unlabelled data.
        names: one name per patch (``sub-folder/file.png`` for PNG folders), or None.
        labels: the class label of each patch as a string ``[N]`` (sub-folder name, npz label), or None
            for unlabelled data.
    """

    images: np.ndarray
    anomalous: np.ndarray
    names: list[str] | None = None
    labels: np.ndarray | None = None

    @property
    def labelled(self) -> bool:
        """Whether the source said which patches are normal (a PNG folder with sub-folders, an npz with labels)."""
        return self.labels is not None

    @property
    def normal(self) -> np.ndarray:
        return self.images[~self.anomalous]

    @property
    def anomalies(self) -> np.ndarray:
        return self.images[self.anomalous]

    def subset(self, index: np.ndarray) -> "LabelledPatches":
        names = [self.names[i] for i in np.arange(len(self.images))[index]] if self.names is not None else None
        return LabelledPatches(self.images[index], self.anomalous[index], names,
                               self.labels[index] if self.labels is not None else None)

    @staticmethod
    def concatenate(parts: list["LabelledPatches"]) -> "LabelledPatches":
        names = None if any(p.names is None for p in parts) else [n for p in parts for n in p.names]
        labels = None if any(p.labels is None for p in parts) else np.concatenate([p.labels for p in parts])
        return LabelledPatches(np.concatenate([p.images for p in parts]), np.concatenate([p.anomalous for p in parts]),
                               names, labels)

    def save(self, path: Path) -> None:
        """Write to an ``.npz`` that :func:`load_labelled` reads back (``x``, ``labels``, ``anomalous``, ``names``)."""
        extra = {"names": np.array(self.names)} if self.names is not None else {}
        np.savez(path, x=self.images, anomalous=self.anomalous,
                 labels=self.labels if self.labels is not None else np.where(self.anomalous, "anomalous", NORMAL_FOLDER),
                 **extra)

    @classmethod
    def read(cls, path: Path) -> "LabelledPatches":
        """Read what :meth:`save` wrote."""
        with np.load(path) as archive:
            names = [str(n) for n in archive["names"]] if "names" in archive else None
            return cls(archive["x"], archive["anomalous"].astype(bool), names, archive["labels"].astype(str))


def _labelled_folder(path: Path, normal_labels: list[str]) -> LabelledPatches:
    subdirs = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
    loose = [p.name for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".png"]
    if loose:
        raise DataError(f"{path}: PNG files ({loose[0]}, ...) beside the class sub-folders "
                        f"{[d.name for d in subdirs]}: put every patch in a sub-folder ({normal_labels[0]}/ for normal ones)")
    parts, first = [], None
    for sub in subdirs:
        files = _png_files(sub)
        images, first = _read_pngs(files, first)
        normal = sub.name in normal_labels
        parts.append(LabelledPatches(images, np.full(len(files), not normal), [f"{sub.name}/{f.name}" for f in files],
                                     np.full(len(files), sub.name)))
    out = LabelledPatches.concatenate(parts)
    return LabelledPatches(_check_pixels(_channels_first(out.images, str(path)), str(path)), out.anomalous, out.names,
                           out.labels)


def load_labelled(path: Path, normal_labels: list[str] | None, option: str = "--normal-label") -> LabelledPatches:
    """Load a user's patches in any of the three forms (module docstring), with which of them are anomalous.

    Args:
        path: a PNG folder (flat, or with class sub-folders), an ``.npy``, or an ``.npz``.
        normal_labels: the labels that are normal: sub-folder names (default ``normal``) or npz label values
            (compared as strings, so ``0`` matches an integer label 0). None when not given.
        option: how the caller's user names ``normal_labels`` (for messages).
    Returns:
        The patches; unlabelled data is all normal with ``labels`` None.
    Raises:
        DataError: missing files, bad shapes, labels without a normal label, or a normal label matching nothing.
    """
    if not path.exists():
        kind = "array" if path.suffix in (".npy", ".npz") else "folder"
        raise DataError(f"patch {kind} not found: {path}")
    if path.is_dir():
        subdirs = [p.name for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")]
        loose = any(p.is_file() and p.suffix.lower() == ".png" for p in path.iterdir())
        if not subdirs or (loose and not set(subdirs) & set(normal_labels or [NORMAL_FOLDER])):
            images = load_png_folder(path)
            return LabelledPatches(images, np.zeros(len(images), bool), [p.name for p in _png_files(path)])
        wanted = normal_labels or [NORMAL_FOLDER]
        if not set(subdirs) & set(wanted):
            raise DataError(f"{path}: none of the sub-folders {sorted(subdirs)} is the normal one "
                            f"({', '.join(w + '/' for w in wanted)}); name it with {option}")
        return _labelled_folder(path, wanted)
    if path.suffix == ".npz" and path.is_file():
        with _reading(path), np.load(path) as archive:
            keys = list(archive.keys())
            raw_labels = archive["labels"] if "labels" in keys else None
            images = archive[_npz_images_key(keys, path)]
        images = _check_pixels(_channels_first(np.asarray(images), str(path)), str(path))
        if raw_labels is not None:
            labels = np.asarray([str(v) for v in np.asarray(raw_labels).reshape(-1)])
            if len(labels) != len(images):
                raise DataError(f"{path}: {len(images)} images but {len(labels)} labels")
            found = sorted(set(labels.tolist()))
            if not normal_labels:
                raise DataError(f"{path} has labels {found[:20]}: say which are normal with {option}")
            unknown = [v for v in normal_labels if v not in found]
            if unknown:
                raise DataError(f"{path}: {option} {','.join(unknown)} matches no label; the labels are {found[:20]}")
            return LabelledPatches(images, ~np.isin(labels, normal_labels), None, labels)
        return LabelledPatches(images, np.zeros(len(images), bool))
    images = load_array(path)
    return LabelledPatches(images, np.zeros(len(images), bool))


def model_size(size: int) -> int:
    """The network's input size for a patch size: the next power of two, at least 16 (8 → 16, 28 → 32, 48 → 64)."""
    return max(MIN_MODEL_SIZE, 1 << (size - 1).bit_length())


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
    encoding: str | None = None  # the training data's pixel type: uint8, uint16 (e.g. 16-bit PNGs) or float32

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
    def for_size(cls, patch_size: int, encoding: str | None = None) -> "PixelMapping":
        """The mapping for square patches of ``patch_size``: padded to :func:`model_size` (8 → 16, 28 → 32)."""
        if not MIN_SIZE <= patch_size <= MAX_SIZE:
            raise DataError(f"patch size {patch_size} outside the supported {MIN_SIZE}..{MAX_SIZE}")
        return cls(patch_size, model_size(patch_size), encoding=encoding)

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
            "model_size": self.model_size,
            "training_encoding": self.encoding,
            "encoding_max": ENCODING_MAX,
            "scale": self.scale,
            "offset": self.offset,
            "formula": "x = raw / encoding_max[encoding] * scale + offset",
            "pad": {"top": self.pad_before, "bottom": self.pad_after, "left": self.pad_before,
                    "right": self.pad_after, "value": self.pad_value},
        }


@dataclass(frozen=True)
class OneClassSplit:
    """Normal patches in disjoint parts.

    ``train`` fits the networks, ``validation`` selects checkpoints (and scales scores), and
    ``calibration`` sets the thresholds: no model choice ever sees the calibration patches, so the
    false-positive rate they promise holds on new normals. ``test`` is empty unless asked for: only
    when the test set comes from the training data.
    """

    train: np.ndarray
    validation: np.ndarray
    calibration: np.ndarray
    test: np.ndarray | None = None


def split_normal(images: np.ndarray, validation_fraction: float, seed: int, calibration_fraction: float = 0.2,
                 test_fraction: float = 0.0, what: str = "normal patches") -> OneClassSplit:
    """Hold out random shares of the normal patches for selection, calibration (and a test set).

    The test share, when asked for, is taken from what would otherwise be training patches, so
    training never sees it. ``what`` names the items split, for the message when they are too few.
    """
    for name, fraction, low in (("validation", validation_fraction, 0), ("calibration", calibration_fraction, 0),
                                ("test", test_fraction, None)):
        if not (0 <= fraction < 1 if low is None else 0 < fraction < 1):
            raise DataError(f"{name} fraction must be in {'[0, 1)' if low is None else '(0, 1)'}, got {fraction}")
    order = np.random.default_rng(seed).permutation(len(images))
    n_val = max(1, int(round(len(images) * validation_fraction)))
    n_cal = max(1, int(round(len(images) * calibration_fraction)))
    n_test = max(1, int(round(len(images) * test_fraction))) if test_fraction else 0
    if n_val + n_cal + n_test >= len(images):
        raise DataError(f"{len(images)} {what} are too few to hold out {validation_fraction:.0%} for validation "
                        f"and {calibration_fraction:.0%} for calibration"
                        + (f" and {test_fraction:.0%} for testing" if test_fraction else ""))
    held = n_val + n_cal
    test = images[order[held:held + n_test]] if test_fraction else None
    return OneClassSplit(images[order[held + n_test:]], images[order[:n_val]], images[order[n_val:held]], test)


def fashion_mnist_normal_class(normal_class: int, data_dir: Path = FASHION_MNIST_DIR) -> np.ndarray:
    """The training images of one Fashion-MNIST class (the normal class of the one-class protocol)."""
    if normal_class not in range(len(FASHION_MNIST_CLASSES)):
        raise DataError(f"unknown Fashion-MNIST class {normal_class}: expected 0..9 ({', '.join(FASHION_MNIST_CLASSES)})")
    train = load_fashion_mnist("train", data_dir)
    return train.images[train.labels == normal_class]
