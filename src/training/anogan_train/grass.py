"""The development set of whole images, from scikit-image's grass photo (Debian python3-skimage; no download).

``python3 -m anogan_train.grass OUT`` writes, deterministically for a seed (``--photo brick`` or ``gravel``: the
same from another of scikit-image's texture photos, a check of the pipeline on data its design never saw):

* ``OUT/train/``: defect-free crops for ``train --images``, cut from the top of the photo without overlap
  (a training crop and a held-out crop never share a pixel, so no calibration image is memorised);
* ``OUT/test/normal/``: defect-free crops from the bottom ``--test-rows`` of the photo, which no training crop
  touches (test crops may overlap one another);
* ``OUT/test/anomalous/`` and ``OUT/test/masks/``: other crops of that region with one synthetic defect each
  (a scratch, a bright or dark blob, or a square pasted from elsewhere in the photo and turned a quarter turn),
  and its mask (255 where the defect is), for ``evaluate --test-images OUT/test``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

DEFECTS = ("scratch", "blob", "paste")
PHOTOS = ("brick", "grass", "gravel")


def photo(name: str) -> np.ndarray:
    """One of scikit-image's texture photos (:data:`PHOTOS`), ``[512, 512]`` uint8 gray (shipped with the package,
    not downloaded)."""
    from skimage import data as skimage_data

    return getattr(skimage_data, name)()


def scratch(crop: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A straight bright or dark line, 1 to 2.5 pixels wide, across a third to two thirds of the crop."""
    size = crop.shape[0]
    yy, xx = np.mgrid[0:size, 0:size]
    cy, cx = rng.uniform(size * 0.3, size * 0.7, 2)
    angle, half_length = rng.uniform(0, np.pi), rng.uniform(size / 6, size / 3)
    across = np.abs((yy - cy) * np.cos(angle) - (xx - cx) * np.sin(angle))
    along = np.abs((yy - cy) * np.sin(angle) + (xx - cx) * np.cos(angle))
    mask = (across < rng.uniform(0.5, 1.25)) & (along < half_length)
    out = crop.copy()
    out[mask] = 235 if rng.random() < 0.5 else 15
    return out, mask


def blob(crop: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A soft bright or dark ellipse; the mask is where it moves a pixel by more than a quarter of its strength."""
    size = crop.shape[0]
    yy, xx = np.mgrid[0:size, 0:size]
    cy, cx = rng.uniform(size * 0.25, size * 0.75, 2)
    ry, rx = rng.uniform(size * 0.05, size * 0.14, 2)
    weight = np.exp(-0.5 * (((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2))
    strength = rng.uniform(60, 110) * (1 if rng.random() < 0.5 else -1)
    out = np.clip(crop + strength * weight, 0, 255).astype(np.uint8)
    return out, weight > 0.25


def paste(crop: np.ndarray, rng: np.random.Generator, photo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A square of a quarter to a third of the crop, from a random place of the photo, turned a quarter turn."""
    size = crop.shape[0]
    side = int(rng.integers(size // 4, size // 3 + 1))
    src_top, src_left = (int(v) for v in rng.integers(0, np.array(photo.shape) - side))
    top, left = (int(v) for v in rng.integers(0, size - side, 2))
    out, mask = crop.copy(), np.zeros(crop.shape, bool)
    out[top:top + side, left:left + side] = np.rot90(photo[src_top:src_top + side, src_left:src_left + side])
    mask[top:top + side, left:left + side] = True
    return out, mask


def damage(kind: str, crop: np.ndarray, rng: np.random.Generator, photo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``crop`` with one defect of ``kind`` (one of :data:`DEFECTS`; a pasted square comes from ``photo``), and its
    mask."""
    return paste(crop, rng, photo) if kind == "paste" else {"scratch": scratch, "blob": blob}[kind](crop, rng)


def make(out: Path, photo: np.ndarray, crop_size: int = 64, test_rows: int = 128, test_images: int = 40,
         seed: int = 0) -> dict:
    """Write the development set into ``out`` (see the module docstring).

    Args:
        photo: the grayscale photo (rows and columns at least ``crop_size``).
        crop_size: side of every image.
        test_rows: bottom rows of the photo kept for test crops (at least ``crop_size``).
        test_images: normal test crops, and as many anomalous ones.
    Returns:
        The counts written.
    """
    height, width = photo.shape
    if not crop_size <= test_rows <= height - crop_size:
        raise ValueError(f"--test-rows must leave room for a --crop-size {crop_size} crop above and below: got "
                         f"{test_rows} of {height} rows")
    rng = np.random.default_rng(seed)
    folders = {name: out / name for name in ("train", "test/normal", "test/anomalous", "test/masks")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    train = [(top, left) for top in range(0, height - test_rows - crop_size + 1, crop_size)
             for left in range(0, width - crop_size + 1, crop_size)]
    for top, left in train:
        Image.fromarray(photo[top:top + crop_size, left:left + crop_size]).save(folders["train"] / f"grass-{top:03d}-{left:03d}.png")

    def test_crop() -> tuple[str, np.ndarray]:
        top = int(rng.integers(height - test_rows, height - crop_size + 1))
        left = int(rng.integers(0, width - crop_size + 1))
        return f"{top:03d}-{left:03d}", photo[top:top + crop_size, left:left + crop_size]

    for i in range(test_images):
        where, crop = test_crop()
        Image.fromarray(crop).save(folders["test/normal"] / f"normal-{i:03d}-{where}.png")
    for i in range(test_images):
        where, crop = test_crop()
        kind = DEFECTS[i % len(DEFECTS)]
        image, mask = damage(kind, crop, rng, photo)
        name = f"{kind}-{i:03d}-{where}.png"
        Image.fromarray(image).save(folders["test/anomalous"] / name)
        Image.fromarray(mask.astype(np.uint8) * 255).save(folders["test/masks"] / name)
    return {"train": len(train), "test_normal": test_images, "test_anomalous": test_images}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m anogan_train.grass", description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="folder to write (train/ and test/)")
    p.add_argument("--crop-size", type=int, default=64, help="side of every image (default 64)")
    p.add_argument("--test-rows", type=int, default=128, help="bottom rows of the photo kept for test images (default 128)")
    p.add_argument("--test-images", type=int, default=40, help="normal test images, and as many anomalous (default 40)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--photo", choices=PHOTOS, default="grass", help="the texture photo to cut (default grass)")
    args = p.parse_args(argv)
    return write_set(p.prog, lambda: make(args.out, photo(args.photo), args.crop_size, args.test_rows,
                                          args.test_images, args.seed),
                     lambda counts: f"{args.out}: {counts['train']} training images, {counts['test_normal']} normal and "
                                    f"{counts['test_anomalous']} anomalous test images with masks "
                                    f"({args.crop_size}x{args.crop_size})")


def write_set(prog: str, make_set: Callable[[], dict], summary: Callable[[dict], str]) -> int:
    """Run a set maker's ``make`` for its command line: the summary of its counts, or a one-line error (exit 2)."""
    try:
        counts = make_set()
    except ValueError as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return 2
    print(summary(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
