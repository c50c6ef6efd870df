"""A stand-in for a user's own labelled patches, from scikit-image's texture photos (brick, grass, gravel; shipped
with Debian's python3-skimage, nothing downloaded).

``python3 -m anogan_train.textures OUT --normal gravel`` writes, deterministically for a seed, in the forms
``train --data`` and ``evaluate --test-data`` read:

* ``OUT/train/``: normal patches tiled from the top of the normal photo (a flat folder: all normal);
* ``OUT/test-material/normal/`` and ``OUT/test-defect/normal/``: the same normal patches from the bottom
  ``--test-rows`` rows, which no training patch touches;
* ``OUT/test-material/anomalous/``: patches of the other photos (another material);
* ``OUT/test-defect/anomalous/``: patches of the bottom rows with one synthetic defect each (a scratch, a blob, or
  a square of the photo turned a quarter turn, as in :mod:`anogan_train.grass`).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image

from .grass import DEFECTS, PHOTOS, damage, photo, write_set


def make(out: Path, photos: dict[str, np.ndarray], normal: str, patch_size: int = 32, stride: int = 12,
         test_rows: int = 128, test_patches: int = 300, seed: int = 0) -> dict:
    """Write the stand-in into ``out`` (see the module docstring); returns the counts written.

    Args:
        photos: grayscale photos by name; ``normal`` names the one whose patches are normal, the others give the
            patches of another material.
    """
    rng = np.random.default_rng(seed)
    pixels = photos[normal]
    height, width = pixels.shape
    if not patch_size <= test_rows <= height - patch_size:
        raise ValueError(f"--test-rows must leave room for a {patch_size}-pixel patch above and below")

    def save(folder: Path, name: str, patch: np.ndarray) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        Image.fromarray(patch).save(folder / f"{name}.png")

    train = [(top, left) for top in range(0, height - test_rows - patch_size + 1, stride)
             for left in range(0, width - patch_size + 1, stride)]
    for top, left in train:
        save(out / "train", f"{normal}-{top:03d}-{left:03d}", pixels[top:top + patch_size, left:left + patch_size])

    def crop(image: np.ndarray, first_row: int) -> tuple[str, np.ndarray]:
        top = int(rng.integers(first_row, image.shape[0] - patch_size + 1))
        left = int(rng.integers(0, image.shape[1] - patch_size + 1))
        return f"{top:03d}-{left:03d}", image[top:top + patch_size, left:left + patch_size]

    for i in range(test_patches):
        where, patch = crop(pixels, height - test_rows)
        for test in ("test-material", "test-defect"):
            save(out / test / "normal", f"{normal}-{i:03d}-{where}", patch)
    others = [name for name in photos if name != normal]
    for i in range(test_patches):
        other = others[i % len(others)]
        where, patch = crop(photos[other], 0)
        save(out / "test-material" / "anomalous", f"{other}-{i:03d}-{where}", patch)
    for i in range(test_patches):
        where, patch = crop(pixels, height - test_rows)
        kind = DEFECTS[i % len(DEFECTS)]
        save(out / "test-defect" / "anomalous", f"{kind}-{i:03d}-{where}", damage(kind, patch, rng, pixels)[0])
    return {"train": len(train), "test_normal": test_patches, "test_anomalous": test_patches}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m anogan_train.textures", description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="folder to write (train/, test-material/, test-defect/)")
    p.add_argument("--normal", choices=PHOTOS, required=True, help="the photo whose patches are normal")
    p.add_argument("--patch-size", type=int, default=32)
    p.add_argument("--stride", type=int, default=12, help="pixels between training patches (default 12)")
    p.add_argument("--test-rows", type=int, default=128, help="bottom rows kept for test patches (default 128)")
    p.add_argument("--test-patches", type=int, default=300, help="normal test patches, and as many anomalous per test set")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    return write_set(p.prog, lambda: make(args.out, {name: photo(name) for name in PHOTOS}, args.normal,
                                          args.patch_size, args.stride, args.test_rows, args.test_patches, args.seed),
                     lambda counts: f"{args.out}: {counts['train']} training patches of {args.normal}; two test sets "
                                    f"of {counts['test_normal']} normal and {counts['test_anomalous']} anomalous "
                                    "patches (another material; a synthetic defect)")


if __name__ == "__main__":
    sys.exit(main())
