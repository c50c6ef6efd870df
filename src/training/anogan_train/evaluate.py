"""One-class evaluation on Fashion-MNIST: AUROC/AUPRC per method, time per patch, accuracy against search steps.

The run's normal class is normal, the nine others anomalous; the whole test set is scored for
EGBAD and the hybrid, a stratified sample for AnoGAN (its 500-step search is slow on a CPU).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from . import data
from .run import Run
from .scoring import EGBADScore, EGBADScorer, SearchScorer, score_all

CURVE_STEPS = [0, 1, 5, 20, 100, 500]


def auroc(scores: np.ndarray, anomalous: np.ndarray) -> float:
    """Area under the ROC curve: P(score of an anomaly > score of a normal), ties counting one half."""
    scores, anomalous = np.asarray(scores, dtype=np.float64), np.asarray(anomalous, dtype=bool)
    n_pos, n_neg = int(anomalous.sum()), int((~anomalous).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("AUROC needs both normal and anomalous patches")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[anomalous].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def auprc(scores: np.ndarray, anomalous: np.ndarray) -> float:
    """Average precision with anomalies as the positive class (precision at each anomaly's rank, tied scores grouped)."""
    scores, anomalous = np.asarray(scores, dtype=np.float64), np.asarray(anomalous, dtype=bool)
    order = np.argsort(-scores, kind="mergesort")
    s, y = scores[order], anomalous[order]
    last_of_group = np.r_[s[1:] != s[:-1], True]
    tp = np.cumsum(y)[last_of_group]
    seen = (np.arange(1, len(s) + 1))[last_of_group]
    new_tp = np.diff(np.r_[0, tp])
    return float(np.sum(new_tp * tp / seen) / y.sum())


def stratified_sample(labels: np.ndarray, total: int, seed: int) -> np.ndarray:
    """Indices of ``total`` test patches, the same number from each class (sorted)."""
    classes = np.unique(labels)
    per_class = total // len(classes)
    rng = np.random.default_rng(seed)
    picks = [rng.choice(np.flatnonzero(labels == c), per_class, replace=False) for c in classes]
    return np.sort(np.concatenate(picks))


def _metrics(scores: np.ndarray, anomalous: np.ndarray, seconds: float) -> dict:
    return {"auroc": auroc(scores, anomalous), "auprc": auprc(scores, anomalous), "patches": int(len(scores)),
            "anomalous": int(anomalous.sum()), "ms_per_patch": 1000 * seconds / len(scores)}


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def evaluate_run(run: Run, hybrid_steps: int, anogan_steps: int, anogan_sample: int, curve: bool,
                 batch_size: int = 64, quiet: bool = False) -> dict:
    """Evaluate a Fashion-MNIST run with the one-class protocol.

    Args:
        hybrid_steps: k, the hybrid's search steps from E(x).
        anogan_steps: Γ, AnoGAN's search steps from a random z0.
        anogan_sample: how many test patches (stratified over the ten classes) AnoGAN scores; 0 skips AnoGAN.
        curve: also record AUROC after 0, 1, 5, 20, 100, 500 steps from a random z0 and from E(x), on the sample.
    Returns:
        The evaluation as a JSON-able dict (also what the bundle's manifest records).
    """
    if run.config.source != "fashion-mnist":
        raise data.DataError("evaluation follows the Fashion-MNIST one-class protocol; this run trained on "
                             f"{run.config.source}")
    test = data.load_fashion_mnist("test", Path(run.config.data_dir))
    x = run.tensor(test.images)
    anomalous = test.labels != run.config.normal_class
    m = run.models
    torch.manual_seed(run.config.seed)
    result = {"dataset": "fashion-mnist test", "normal_classes": [run.config.normal_class],
              "protocol": "one-class: the normal class against the nine others", "methods": {}}

    egbad = EGBADScorer(EGBADScore(m["bigan_generator"], m["bigan_encoder"], m["bigan_discriminator"],
                                   run.search.feature_weight))
    out, secs = _timed(lambda: score_all(egbad, x, batch_size, "egbad", quiet=quiet))
    result["methods"]["egbad"] = _metrics(out["score_fm"], anomalous, secs)
    result["methods"]["egbad-ce"] = _metrics(out["score_ce"], anomalous, secs)

    hybrid = SearchScorer(m["generator"], m["discriminator"], run.search, hybrid_steps, run.image_shape,
                          encoder=m["inverse_encoder"])
    out, secs = _timed(lambda: score_all(hybrid, x, batch_size, f"hybrid k={hybrid_steps}", record_at=[0], quiet=quiet))
    result["methods"]["hybrid"] = _metrics(out["score"], anomalous, secs)
    result["methods"]["hybrid"]["steps"] = hybrid_steps
    result["methods"]["hybrid"]["auroc_at_0_steps"] = auroc(out["at"][0], anomalous)

    if anogan_sample:
        idx = stratified_sample(test.labels, anogan_sample, run.config.seed)
        record = CURVE_STEPS if curve else None
        anogan = SearchScorer(m["generator"], m["discriminator"], run.search, anogan_steps, run.image_shape,
                              seed=run.config.seed)
        out, secs = _timed(lambda: score_all(anogan, x[idx], batch_size, f"anogan Γ={anogan_steps}", record_at=record,
                                             quiet=quiet))
        result["methods"]["anogan"] = _metrics(out["score"], anomalous[idx], secs)
        result["methods"]["anogan"]["steps"] = anogan_steps
        result["methods"]["anogan"]["sample"] = "stratified"
        if curve:
            from_encoder = SearchScorer(m["generator"], m["discriminator"], run.search, max(CURVE_STEPS),
                                        run.image_shape, encoder=m["inverse_encoder"])
            enc_out, _ = _timed(lambda: score_all(from_encoder, x[idx], batch_size, "search from E(x)",
                                                  record_at=CURVE_STEPS, quiet=quiet))
            result["curve"] = {
                "patches": int(len(idx)),
                "steps": CURVE_STEPS,
                "random_z0": [auroc(out["at"][k], anomalous[idx]) for k in CURVE_STEPS],
                "encoder_z0": [auroc(enc_out["at"][k], anomalous[idx]) for k in CURVE_STEPS],
            }
    return result


def format_table(results: dict[int, dict]) -> str:
    """A Markdown table: one row per normal class, AUROC / AUPRC per method, and the mean row."""
    methods = ["anogan", "hybrid", "egbad", "egbad-ce"]
    lines = ["| normal class | " + " | ".join(f"{m} AUROC | {m} AUPRC" for m in methods) + " |",
             "|---" * (1 + 2 * len(methods)) + "|"]
    sums: dict[str, list[float]] = {m: [] for m in methods}
    for cls in sorted(results):
        cells = []
        for m in methods:
            r = results[cls]["methods"].get(m)
            cells += [f"{r['auroc']:.3f}", f"{r['auprc']:.3f}"] if r else ["–", "–"]
            if r:
                sums[m].append(r["auroc"])
        lines.append(f"| {cls} {data.FASHION_MNIST_CLASSES[cls]} | " + " | ".join(cells) + " |")
    mean = []
    for m in methods:
        mean += [f"{np.mean(sums[m]):.3f} ({len(sums[m])})" if sums[m] else "–", ""]
    lines.append("| mean AUROC (classes) | " + " | ".join(mean) + " |")
    return "\n".join(lines)


def format_cost(results: dict[int, dict]) -> str:
    lines = ["| normal class | method | steps | patches | ms/patch |", "|---|---|---|---|---|"]
    for cls in sorted(results):
        for name, r in results[cls]["methods"].items():
            lines.append(f"| {cls} | {name} | {r.get('steps', 0)} | {r['patches']} | {r['ms_per_patch']:.2f} |")
    return "\n".join(lines)


def format_curve(results: dict[int, dict]) -> str:
    rows = {c: r["curve"] for c, r in results.items() if "curve" in r}
    if not rows:
        return ""
    lines = ["| normal class | z0 | " + " | ".join(f"{k} steps" for k in CURVE_STEPS) + " |",
             "|---|---|" + "---|" * len(CURVE_STEPS)]
    for cls, curve in sorted(rows.items()):
        lines.append(f"| {cls} | random | " + " | ".join(f"{v:.3f}" for v in curve["random_z0"]) + " |")
        lines.append(f"| {cls} | E(x) | " + " | ".join(f"{v:.3f}" for v in curve["encoder_z0"]) + " |")
    return "\n".join(lines)


def save(result: dict, path: Path) -> None:
    path.write_text(json.dumps(result, indent=2))
    print(f"wrote {path}", file=sys.stderr)
