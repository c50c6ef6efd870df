"""Where the tiles of a whole image go, and how per-tile maps are put back together.

The rule is the publisher's (the Java ``Tiling``): square tiles of ``patch_size`` every ``stride``
pixels along each axis, plus one more flush with the far edge where the stride does not end there,
so that every pixel is covered. Tiles are listed row by row (top to bottom, left to right).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class Tiling:
    """Square tiles of ``patch_size`` pixels every ``stride`` pixels."""

    patch_size: int
    stride: int

    def __post_init__(self):
        if self.patch_size < 1:
            raise ValueError(f"--patch-size must be positive, got {self.patch_size}")
        if not 1 <= self.stride <= self.patch_size:
            raise ValueError(f"--stride must be in 1..--patch-size ({self.patch_size}) so that tiles cover the image, "
                             f"got {self.stride}")

    def to_manifest(self) -> dict:
        return asdict(self)

    def offsets(self, length: int) -> list[int]:
        """Tile offsets along an axis of ``length`` pixels; the last tile ends at ``length``."""
        if length < self.patch_size:
            raise ValueError(f"{length} pixels is less than the {self.patch_size}-pixel patch")
        offsets = list(range(0, length - self.patch_size + 1, self.stride))
        if offsets[-1] + self.patch_size < length:
            offsets.append(length - self.patch_size)
        return offsets

    def positions(self, height: int, width: int) -> np.ndarray:
        """``[N, 2]`` (top, left) of every tile of a ``height`` × ``width`` image, row by row."""
        return np.array([(top, left) for top in self.offsets(height) for left in self.offsets(width)], dtype=np.int64)

    def tile(self, image: np.ndarray) -> np.ndarray:
        """The tiles ``[N, C, P, P]`` of an image ``[C, H, W]``, in :meth:`positions` order."""
        p = self.patch_size
        return np.stack([image[:, top:top + p, left:left + p] for top, left in self.positions(*image.shape[1:])])

    def stitch(self, maps: np.ndarray, height: int, width: int) -> np.ndarray:
        """One ``[H, W]`` map from per-tile maps ``[N, P, P]`` (in :meth:`positions` order): where tiles overlap,
        the mean of the tiles covering the pixel."""
        p = self.patch_size
        total, count = np.zeros((height, width)), np.zeros((height, width))
        positions = self.positions(height, width)
        if len(maps) != len(positions):
            raise ValueError(f"{len(maps)} tile maps for a {height}x{width} image of {len(positions)} tiles")
        for (top, left), tile_map in zip(positions, maps):
            total[top:top + p, left:left + p] += tile_map
            count[top:top + p, left:left + p] += 1
        return total / count
