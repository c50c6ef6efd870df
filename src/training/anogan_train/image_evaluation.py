"""Evaluation on whole test images: image-level AUROC per method beside kNN-5 and PCA aggregated the same way,
and pixel-level AUROC of the stitched maps where masks exist.

Every test image is tiled as the run was (:class:`anogan_train.tiling.Tiling`); every method and both
baselines score the same tiles, and an image's score is its largest tile score
(:func:`anogan_train.image_calibration.image_scores`). Two stitched maps per image, overlapping tiles
averaged: the *score map* (each tile's score spread over the tile; every method and baseline has one)
and, for the methods, the *anomaly map* (the method's ``anomaly_map`` output ``|x − G(·)|``, averaged over
channels, the pad cropped: what the service stitches). Pixel AUROC pools the pixels of the normal
images (all normal) and of the anomalous images that have a mask. Slow methods (AnoGAN's long search)
are skipped.
"""
from __future__ import annotations

import time

import numpy as np

from .baselines import BASELINES
from .data import DataError
from .evaluate import at_threshold, flagged_cell, rate_cell, summarise
from .image_calibration import MAX_PATCH_SCORE, calibrate_images, image_scores
from .images import TestImages, tiles
from .methods import Method
from .metrics import auprc, auroc
from .run import Run
from .stats import paired_bootstrap
from .tiling import Tiling


def pixel_auroc(maps: list[np.ndarray], test: TestImages) -> float | None:
    """AUROC of the stitched maps' pixels against the masks (None without a masked anomalous image)."""
    keep = [i for i, mask in enumerate(test.masks) if not test.anomalous[i] or mask is not None]
    if all(test.masks[i] is None for i in keep):
        return None
    truth = [test.masks[i] if test.anomalous[i] else np.zeros(maps[i].shape, bool) for i in keep]
    return auroc(np.concatenate([maps[i].ravel() for i in keep]), np.concatenate([t.ravel() for t in truth]))


def stitch_images(tile_maps: np.ndarray, test: TestImages, tiling: Tiling) -> list[np.ndarray]:
    """One ``[H, W]`` map per test image from the tile maps ``[N, P, P]`` of all of them (image after image)."""
    counts = [len(tiling.positions(*image.shape[1:])) for image in test.images]
    return [tiling.stitch(maps, *image.shape[1:])
            for maps, image in zip(np.split(tile_maps, np.cumsum(counts)[:-1]), test.images)]


def _entry(patch_scores: np.ndarray, counts: np.ndarray, test: TestImages, tiling: Tiling, seconds: float) -> dict:
    scores = image_scores(patch_scores, counts)
    spread = np.broadcast_to(patch_scores[:, None, None], (len(patch_scores), tiling.patch_size, tiling.patch_size))
    return {"auroc": auroc(scores, test.anomalous), "auprc": auprc(scores, test.anomalous),
            "images": len(scores), "anomalous": int(test.anomalous.sum()), "ms_per_image": 1000 * seconds / len(scores),
            "pixel_auroc": {"score_map": pixel_auroc(stitch_images(spread, test, tiling), test)}, "scores": scores}


def evaluate_images(run: Run, methods: dict[str, Method], image_calibrations: dict[str, dict], test: TestImages,
                    description: str, resamples: int = 1000, quiet: bool = False) -> dict:
    """Score whole test images with every method and both baselines, on the same tiles, in one run.

    Args:
        run: a run on whole images (its tiling tiles the test images).
        methods, image_calibrations: from :func:`anogan_train.methods.build_methods` and ``calibrate_methods``.
        test: the labelled test images (:func:`anogan_train.images.read_test_folder`).
        resamples: paired bootstrap resamples (over images) of each method's AUROC difference with the baselines.
    Returns:
        The evaluation as a JSON-able dict; ``auroc`` is the image-level AUROC.
    """
    tiling, mapping = run.images.tiling, run.mapping
    if test.images[0].shape[0] != run.channels:
        raise DataError(f"--test-images {description}: {test.images[0].shape[0]} channel(s) but the run trained on "
                        f"{run.channels}")
    raw = tiles(test.images, tiling)
    counts = np.array([len(tiling.positions(*image.shape[1:])) for image in test.images])
    result = {"kind": "images", "dataset": description, "seed": run.config.seed, "run": str(run.dir),
              "tiling": tiling.to_manifest(), "aggregation": MAX_PATCH_SCORE, "images": len(test.images),
              "anomalous": int(test.anomalous.sum()), "masks": sum(m is not None for m in test.masks),
              "tiles": int(len(raw)), "methods": {}, "baselines": {}, "comparison": {},
              "skipped": [name for name, method in methods.items() if method.slow]}
    baseline_scores = {}
    target = next((c["false_positive_rate"] for c in image_calibrations.values()), None)
    for name, cls in BASELINES.items():
        start = time.perf_counter()
        baseline = cls(run.split.train)
        entry = _entry(baseline.score(raw), counts, test, tiling, time.perf_counter() - start)
        baseline_scores[name] = entry.pop("scores")
        if target is not None:
            # the same pipeline fed with the baseline's tile scores: calibrated on the same calibration images
            calibration = calibrate_images(baseline.score(run.split.calibration), run.images, target)
            entry["at_image_threshold"] = _at_image_threshold(baseline_scores[name], test, calibration)
        result["baselines"][name] = {**entry, "description": cls.name}
    x = run.tensor(raw)
    crop = slice(mapping.pad_before, mapping.pad_before + mapping.patch_size)
    for name, method in methods.items():
        if method.slow:
            continue
        start = time.perf_counter()
        by_steps, maps = method.score_with_maps(x, quiet)
        entry = _entry(by_steps[method.steps], counts, test, tiling, time.perf_counter() - start)
        scores = entry.pop("scores")
        tile_maps = maps[:, :, crop, crop].mean(1)
        entry["pixel_auroc"]["anomaly_map"] = pixel_auroc(stitch_images(tile_maps, test, tiling), test)
        entry["steps"] = method.steps
        calibration = image_calibrations.get(name)
        if calibration is not None:
            entry["at_image_threshold"] = _at_image_threshold(scores, test, calibration)
        result["methods"][name] = entry
        result["comparison"][name] = {
            baseline: paired_bootstrap(scores, baseline_scores[baseline], test.anomalous, resamples, run.config.seed)
            for baseline in BASELINES}
    return summarise(result, run)


def _at_image_threshold(scores: np.ndarray, test: TestImages, calibration: dict) -> dict:
    return at_threshold(scores, test.anomalous, calibration["threshold"], calibration["false_positive_rate"],
                        calibration["fpr_interval"], calibration["images"], calibration["beyond_threshold"])


def _auroc(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def format_images(results: dict[str, dict]) -> str:
    """Markdown: per run, method and baseline, image AUROC/AUPRC, pixel AUROC of both maps, and what the image
    threshold does on the test images (false-positive rate against target and interval, detection rate)."""
    lines = ["| run | method | image AUROC | image AUPRC | pixel AUROC, anomaly map | pixel AUROC, score map | "
             "image FPR at image threshold (target, interval) | test normal images flagged (95 % range) | detection rate |",
             "|---" * 9 + "|"]
    for run_name, r in results.items():
        for name, m in [*r["methods"].items(), *r["baselines"].items()]:
            t = m.get("at_image_threshold")
            rates = ["–", "–", "–"] if t is None else [rate_cell(t, 1), flagged_cell(t), f"{t['detection_rate']:.1%}"]
            pixels = m["pixel_auroc"]
            lines.append(f"| {run_name} | {name} | {m['auroc']:.3f} | {m['auprc']:.3f} | "
                         f"{_auroc(pixels.get('anomaly_map'))} | {_auroc(pixels['score_map'])} | {' | '.join(rates)} |")
    return "\n".join(lines)
