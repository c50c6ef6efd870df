"""The methods a bundle offers, built once from a trained run for evaluation, calibration and export.

Each :class:`Method` scores model-range patches with the PyTorch reference of exactly what its
ONNX graph computes. AnoGAN and the hybrid can record their scores after several step counts in
one search, so that one pass calibrates every step count the service may be configured to.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from .calibration import calibrate
from .image_calibration import calibrate_images
from .feature_knn import FeatureKNNConfig, FeatureKNNScore, build_feature_knn, choose_feature_knn
from .run import Run
from .scoring import EGBADScore, EGBADScorer, SearchScorer, score_all

FEATURE_KNN = "feature-knn"
HYBRID_CALIBRATED_UP_TO = 10


class FeatureKNNScorer:
    def __init__(self, module: FeatureKNNScore):
        self.module = module.eval()

    @torch.no_grad()
    def __call__(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        return dict(zip(self.module.output_names(), self.module(x)))


@dataclass
class Method:
    """One scoring method of a run.

    Attributes:
        name: the manifest's method name.
        scorer: maps a batch to per-patch outputs, ``score_key`` among them.
        steps: default search steps (0 for one forward pass).
        step_counts: the step counts scored (and calibrated) in the same pass; ``steps`` is one of them.
        slow: scored on a sample in evaluations and on fewer patches in calibration.
    """

    name: str
    scorer: object
    score_key: str = "score"
    steps: int = 0
    step_counts: list[int] = field(default_factory=list)
    slow: bool = False

    def score(self, x: torch.Tensor, quiet: bool = False) -> dict[int, np.ndarray]:
        """Scores of ``x`` per step count (one entry, ``steps``, for a method without search)."""
        return self._score_all(x, quiet, maps=False)[0]

    def score_with_maps(self, x: torch.Tensor, quiet: bool = False) -> tuple[dict[int, np.ndarray], np.ndarray]:
        """Scores of ``x`` per step count, and the anomaly maps ``[N, C, H, W]`` at the default steps."""
        return self._score_all(x, quiet, maps=True)

    def _score_all(self, x: torch.Tensor, quiet: bool, maps: bool) -> tuple[dict[int, np.ndarray], np.ndarray | None]:
        if not self.step_counts:
            out = score_all(self.scorer, x, desc=self.name, quiet=quiet, maps=maps)
            return {self.steps: out[self.score_key]}, out.get("anomaly_map")
        out = score_all(self.scorer, x, desc=f"{self.name} steps {self.steps}", record_at=self.step_counts, quiet=quiet,
                        maps=maps)
        return dict(out["at"]), out.get("anomaly_map")


def search_step_counts(steps: int) -> list[int]:
    """Step counts worth a calibration of their own: 0, 1, 2, 5, 10, 20, 50, ... up to ``steps``, and ``steps``."""
    counts, k = {steps}, 1
    while k <= steps:
        counts.update(c for c in (k, 2 * k, 5 * k) if c <= steps)
        k *= 10
    return sorted(counts | {0})


def feature_stacks(run: Run) -> dict[str, nn.Sequential]:
    """The trained convolution stacks a feature kNN may tap, by network letter (:data:`~anogan_train.feature_knn.NETWORKS`)."""
    m = run.models
    return {"d": m["discriminator"].features, "e": m["bigan_encoder"], "x": m["bigan_discriminator"].image_stack(),
            "i": m["inverse_encoder"]}


def build_methods(run: Run, hybrid_steps: int, anogan_steps: int, feature_knn: FeatureKNNConfig,
                  include_anogan: bool = True) -> dict[str, Method]:
    """The run's methods, in the order tables show them (the feature kNN first: it is the default)."""
    m = run.models
    stacks = feature_stacks(run)
    build = build_feature_knn if feature_knn.taps else choose_feature_knn
    knn = build(stacks, m["inverse_encoder"], m["generator"], run.tensor(run.split.train),
                run.tensor(run.split.validation), feature_knn, seed=run.config.seed)
    egbad = EGBADScorer(EGBADScore(m["bigan_generator"], m["bigan_encoder"], m["bigan_discriminator"],
                                   run.search.feature_weight))
    methods = {
        FEATURE_KNN: Method(FEATURE_KNN, FeatureKNNScorer(knn)),
        "hybrid": Method("hybrid", SearchScorer(m["generator"], m["discriminator"], run.search, hybrid_steps,
                                                run.image_shape, encoder=m["inverse_encoder"]),
                         steps=hybrid_steps, step_counts=search_step_counts(max(hybrid_steps, HYBRID_CALIBRATED_UP_TO))),
        "egbad": Method("egbad", egbad, "score_fm"),
        "egbad-ce": Method("egbad-ce", egbad, "score_ce"),
    }
    if include_anogan:
        methods["anogan"] = Method("anogan", SearchScorer(m["generator"], m["discriminator"], run.search, anogan_steps,
                                                          run.image_shape, seed=run.config.seed),
                                   steps=anogan_steps, step_counts=search_step_counts(anogan_steps), slow=True)
    return methods


def calibrate_methods(run: Run, methods: dict[str, Method], false_positive_rate: float, slow_patches: int,
                      quiet: bool = False) -> tuple[dict[str, dict[int, dict]], dict[str, dict]]:
    """Calibrate every method at every step count it records, on the run's calibration normals; for a run on
    whole images, also at the image level (:func:`anogan_train.image_calibration.calibrate_images`), from the
    same scores, at the method's default steps.

    Args:
        slow_patches: at most this many calibration patches for a slow method (AnoGAN's long search).
    Returns:
        ``{method: {steps: calibration}}`` and ``{method: image calibration}`` (empty for a run on patches; a
        method whose scored patches hold no whole calibration image has none).
    """
    x = run.tensor(run.split.calibration)
    patches, images = {}, {}
    for name, method in methods.items():
        scores = method.score(x[:slow_patches] if method.slow else x, quiet)
        patches[name] = {steps: calibrate(s, false_positive_rate) for steps, s in scores.items()}
        image = calibrate_images(scores[method.steps], run.images, false_positive_rate) if run.images else None
        if image is not None:
            images[name] = image
    return patches, images
