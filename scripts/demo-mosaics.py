#!/usr/bin/python3
"""Writes gray PNG mosaics of Fashion-MNIST test images for the demo's whole images (anogan.demo.images-folder).

Each mosaic is a grid of 28x28 test images of the normal class (trousers for the committed bundle); a share of them
get one garment of another class in a random cell, and say so in their file name (``-foreign``). With the committed
bundle, those are the images whose verdict should be anomalous, with that cell outlined (see docs/images.md).

Usage: /usr/bin/python3 scripts/demo-mosaics.py --out demo-images [--count 20] [--grid 4] [--foreign 0.3]
"""
import argparse
import gzip
import pathlib

import numpy as np
from PIL import Image

DATA = pathlib.Path("/usr/share/datasets/fashion-mnist")


def idx(path: pathlib.Path, offset: int) -> np.ndarray:
    """The bytes of an IDX file (gzipped or not) after its header of ``offset`` bytes."""
    raw = path.read_bytes()
    return np.frombuffer(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw, dtype=np.uint8, offset=offset)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, required=True, help="folder to write the PNGs into")
    parser.add_argument("--count", type=int, default=20, help="mosaics to write (default 20)")
    parser.add_argument("--grid", type=int, default=4, help="cells a side (default 4: 112x112 pixels)")
    parser.add_argument("--foreign", type=float, default=0.3, help="share of mosaics with one foreign garment")
    parser.add_argument("--normal-class", type=int, default=1, help="the bundle's normal class (default 1, trouser)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    images = idx(DATA / "t10k-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
    labels = idx(DATA / "t10k-labels-idx1-ubyte.gz", 8)
    normal = np.flatnonzero(labels == args.normal_class)
    other = np.flatnonzero(labels != args.normal_class)
    rng = np.random.default_rng(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    cells = args.grid * args.grid
    for i in range(args.count):
        chosen = rng.choice(normal, size=cells, replace=False)
        foreign = rng.random() < args.foreign
        if foreign:
            chosen[rng.integers(cells)] = rng.choice(other)
        grid = images[chosen].reshape(args.grid, args.grid, 28, 28).transpose(0, 2, 1, 3)
        name = f"mosaic-{i:03d}{'-foreign' if foreign else ''}.png"
        Image.fromarray(np.ascontiguousarray(grid.reshape(args.grid * 28, args.grid * 28)), mode="L").save(
            args.out / name)
    print(f"Wrote {args.count} mosaics of {args.grid}x{args.grid} cells to {args.out}")


if __name__ == "__main__":
    main()
