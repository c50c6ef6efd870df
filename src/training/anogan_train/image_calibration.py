"""Image-level calibration: an image's score from its tiles' scores, and the threshold for an image false-positive rate.

An image of a few dozen tiles at a 1 % false-positive rate *per tile* is flagged far more often
than 1 % of the time; the service judges an image by its own score against a threshold set on
held-out normal *images* (the run's calibration images, which no model choice saw), with the same
order statistic and Beta interval as the patch thresholds (:mod:`anogan_train.stats`), over images.
"""
from __future__ import annotations

import numpy as np

from .images import ImageSplit
from .stats import fpr_interval, threshold_at

MAX_PATCH_SCORE = "max-patch-score"  # the service's name (ImageAggregation.MAX_PATCH_SCORE)


def image_scores(patch_scores: np.ndarray, tiles_per_image: np.ndarray) -> np.ndarray:
    """The score of each image: the largest score of its tiles.

    Args:
        patch_scores: ``[N]`` tile scores, image after image.
        tiles_per_image: ``[M]`` tiles of each image; they add up to ``N``.
    """
    if int(np.sum(tiles_per_image)) != len(patch_scores):
        raise ValueError(f"{len(patch_scores)} tile scores for images of {int(np.sum(tiles_per_image))} tiles")
    starts = np.r_[0, np.cumsum(tiles_per_image)[:-1]].astype(np.int64)
    return np.maximum.reduceat(np.asarray(patch_scores, dtype=np.float64), starts)


def calibrate_images(patch_scores: np.ndarray, split: ImageSplit, false_positive_rate: float) -> dict | None:
    """The image threshold of one method from its scores of the calibration images' tiles.

    Args:
        patch_scores: scores of the first tiles of ``split.calibration`` (all of them, or fewer for a slow
            method: then only the images whose every tile was scored count).
        split: the run's image split (the calibration images and the tiling).
        false_positive_rate: the target share of normal images flagged.
    Returns:
        The manifest's ``image_calibration``: ``aggregation``, ``threshold``, ``false_positive_rate``, ``fpr_interval``
        (95 % range of the rate on new normal images), ``images`` it rests on, ``beyond_threshold`` (calibration
        images above it), ``patch_size``, ``stride``, ``image_sizes`` (``[height, width]`` seen; an image score is a
        maximum over tiles, so it holds for images of these sizes); None when no image was scored whole.
    """
    tiles = split.tiles_per_image("calibration")
    whole = int(np.searchsorted(np.cumsum(tiles), len(patch_scores), side="right"))
    if whole == 0:
        return None
    scores = image_scores(patch_scores[:int(tiles[:whole].sum())], tiles[:whole])
    threshold, beyond = threshold_at(scores, false_positive_rate)
    interval = fpr_interval(len(scores), beyond)
    return {"aggregation": MAX_PATCH_SCORE, "threshold": threshold, "false_positive_rate": false_positive_rate,
            "fpr_interval": [interval["low"], interval["high"]], "images": len(scores), "beyond_threshold": beyond,
            **split.tiling.to_manifest(),
            "image_sizes": sorted({(r.height, r.width) for r in split.calibration[:whole]})}
