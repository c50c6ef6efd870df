"""Evaluation: every method of a run beside the kNN-5 and PCA baselines, on the same test patches, in one run.

Reports AUROC and AUPRC, a paired bootstrap of each method against each baseline, what the
shipped threshold does on the test set (false-positive rate against the calibration's interval,
detection rate), time per patch, and AUROC after each calibrated search step count. Fast methods
score the whole test set; a slow one (AnoGAN's long search) a stratified sample, with the
baselines compared on that same sample.
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from . import data
from .baselines import BASELINES
from .methods import Method
from .metrics import auprc, auroc
from .run import Run
from .stats import flagged_range, paired_bootstrap


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


def at_threshold(scores: np.ndarray, anomalous: np.ndarray, threshold: float, target: float,
                 interval: tuple[float, float], calibration_patches: int, beyond: int) -> dict:
    """What a shipped threshold does on a test set: its false-positive rate (against the target and the
    calibration's interval for the rate), how many test normals it flags (against the range a test set of
    that size should show, :func:`flagged_range`) and its detection rate."""
    flagged = scores > threshold
    normals = int((~anomalous).sum())
    count = int(flagged[~anomalous].sum())
    fpr = count / normals
    expected = flagged_range(calibration_patches, beyond, normals)
    return {"threshold": threshold, "target_false_positive_rate": target, "false_positive_rate": fpr,
            "detection_rate": float(flagged[anomalous].mean()), "interval": list(interval),
            "inside_interval": interval[0] <= fpr <= interval[1], "flagged_normals": count,
            "flagged_range": [expected["low"], expected["high"]],
            "inside_flagged_range": expected["low"] <= count <= expected["high"]}


def _timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def evaluate_run(run: Run, methods: dict[str, Method], calibrations: dict[str, dict[int, dict]], test: data.LabelledPatches,
                 description: str, slow_sample: int, resamples: int = 1000, quiet: bool = False) -> dict:
    """Score the test set with every method and both baselines, on the same patches, in one run.

    Args:
        methods, calibrations: from :func:`anogan_train.methods.build_methods` and ``calibrate_methods``.
        test: labelled raw test patches (``Run.test_set``); ``description`` says where they came from.
        slow_sample: test patches (stratified over the labels) that a slow method scores; 0 skips slow methods.
        resamples: paired bootstrap resamples of each method's AUROC difference with kNN-5.
    Returns:
        The evaluation as a JSON-able dict (also what the bundle's manifest records).
    """
    torch.manual_seed(run.config.seed)
    labels = test.labels if test.labels is not None else test.anomalous.astype(str)
    result = {"dataset": description, "normal_classes": [run.config.normal_class], "seed": run.config.seed,
              "run": str(run.dir), "patches": int(len(test.images)),
              "anomalous": int(test.anomalous.sum()), "methods": {}, "baselines": {}, "comparison": {}}
    baseline_scores = {}
    for name, cls in BASELINES.items():
        out, secs = _timed(lambda: cls(run.split.train).score(test.images))
        baseline_scores[name] = out
        result["baselines"][name] = {**_metrics(out, test.anomalous, secs), "description": cls.name}
    x = run.tensor(test.images)
    sample = stratified_sample(labels, slow_sample, run.config.seed) if slow_sample else None
    for name, method in methods.items():
        if method.slow and sample is None:
            continue
        idx = sample if method.slow else np.arange(len(x))
        by_steps, secs = _timed(lambda: method.score(x[idx], quiet))
        scores, anomalous = by_steps[method.steps], test.anomalous[idx]
        calibration = calibrations[name][method.steps]
        interval = calibration["false_positive_rate_interval"]
        entry = {**_metrics(scores, anomalous, secs), "steps": method.steps,
                 "at_threshold": at_threshold(scores, anomalous, calibration["threshold"],
                                              calibration["false_positive_rate"], (interval["low"], interval["high"]),
                                              interval["calibration_patches"], interval["beyond_threshold"])}
        if method.slow:
            entry["sample"] = "stratified"
        if len(by_steps) > 1:
            entry["auroc_by_steps"] = {str(k): auroc(v, anomalous) for k, v in by_steps.items()}
        result["methods"][name] = entry
        result["comparison"][name] = {
            baseline: paired_bootstrap(scores, baseline_scores[baseline][idx], anomalous, resamples, run.config.seed)
            for baseline in BASELINES}
    return summarise(result, run)


def summarise(result: dict, run: Run) -> dict:
    """Add the run's training time, the best method by ``auroc`` and whether it is below kNN-5 to ``result``."""
    training = run.dir / "training.json"
    if training.exists():
        stages = json.loads(training.read_text())
        result["training_seconds"] = sum(v["seconds"] for v in stages.values() if isinstance(v, dict) and "seconds" in v)
    best = max(result["methods"], key=lambda n: result["methods"][n]["auroc"])
    result["best_method"] = best
    result["best_below_knn"] = result["comparison"][best]["knn-5"]["difference"] < 0
    return result


def warnings(result: dict) -> list[str]:
    """Loud lines for a result whose best method does not beat the kNN baseline, and a note when PCA beats it."""
    best = result["best_method"]
    knn = result["comparison"][best]["knn-5"]
    pca = result["comparison"][best].get("pca", {})
    lines = []
    if result["best_below_knn"]:
        lines.append(f"WARNING: the best method ({best}, AUROC {result['methods'][best]['auroc']:.3f}) is BELOW the "
                     f"kNN-5 baseline on raw pixels ({knn['difference']:+.3f}, 95 % interval {knn['low']:+.3f}.."
                     f"{knn['high']:+.3f}): a nearest-neighbour distance on pixels would detect these anomalies better "
                     "than this model.")
    if pca.get("verdict") == "worse":
        lines.append(f"NOTE: PCA reconstruction error on raw pixels beats the best method ({best}) here "
                     f"({pca['difference']:+.3f}, 95 % interval {pca['low']:+.3f}..{pca['high']:+.3f}): these "
                     "anomalies stand out from the normal patches' main directions of pixel variation more than "
                     "from their nearest neighbours.")
    return lines


def label(result: dict, fallback: str) -> str:
    """A table row's name: the normal class and seed of a Fashion-MNIST run, else ``fallback``."""
    normal = (result.get("normal_classes") or [None])[0]
    if normal is None or "seed" not in result:
        return fallback
    return f"{normal} {data.FASHION_MNIST_CLASSES[normal]}, seed {result['seed']}"


def _columns(results: dict[str, dict]) -> list[tuple[str, str]]:
    methods = list(dict.fromkeys(m for r in results.values() for m in r["methods"]))
    return [("method", m) for m in methods] + [("baseline", b) for b in BASELINES]


def format_table(results: dict[str, dict]) -> str:
    """Markdown: one row per evaluated run, AUROC per method and baseline, the best method against kNN-5, a mean row."""
    cols = _columns(results)
    lines = ["| run | " + " | ".join(name for _, name in cols) + " | best − kNN-5 (95 % CI) | training min |",
             "|---" * (len(cols) + 3) + "|"]
    sums: dict[str, list[float]] = {name: [] for _, name in cols}
    for run_name, r in results.items():
        cells = []
        for kind, name in cols:
            entry = r["methods" if kind == "method" else "baselines"].get(name)
            cells.append(f"{entry['auroc']:.3f}" + ("*" if entry.get("sample") else "") if entry else "–")
            if entry and not entry.get("sample"):
                sums[name].append(entry["auroc"])
        c = r["comparison"][r["best_method"]]["knn-5"]
        cells.append(f"{r['best_method']} {c['difference']:+.3f} ({c['low']:+.3f}..{c['high']:+.3f}) {c['verdict']}")
        cells.append(f"{r['training_seconds'] / 60:.1f}" if "training_seconds" in r else "–")
        lines.append(f"| {run_name} | " + " | ".join(cells) + " |")
    if len(results) > 1:
        lines.append("| mean | " + " | ".join(f"{np.mean(sums[n]):.3f}" if sums[n] else "–" for _, n in cols) + " | | |")
    return "\n".join(lines)


def format_details(results: dict[str, dict]) -> str:
    """Markdown: per run and method, AUPRC, the shipped threshold's test rates against its interval, and ms per patch."""
    lines = ["| run | method | steps | patches | AUROC | AUPRC | FPR at threshold (target, interval) "
             "| test normals flagged (95 % range) | detection rate | ms/patch |", "|---" * 10 + "|"]
    for run_name, r in results.items():
        for name, m in r["methods"].items():
            t = m["at_threshold"]
            lines.append(f"| {run_name} | {name} | {m['steps']} | {m['patches']} | {m['auroc']:.3f} | {m['auprc']:.3f} | "
                         f"{rate_cell(t, 2)} | {flagged_cell(t)} | {t['detection_rate']:.1%} | {m['ms_per_patch']:.2f} |")
        for name, b in r["baselines"].items():
            lines.append(f"| {run_name} | {name} | – | {b['patches']} | {b['auroc']:.3f} | {b['auprc']:.3f} | – | – | – | "
                         f"{b['ms_per_patch']:.2f} |")
    return "\n".join(lines)


def rate_cell(t: dict, digits: int) -> str:
    """A threshold's test false-positive rate against its target and the calibration's interval for the rate."""
    low, high = t["interval"]
    return (f"{t['false_positive_rate']:.{digits}%} ({t['target_false_positive_rate']:.0%}, {low:.{digits}%}.."
            f"{high:.{digits}%}, {_inside(t['inside_interval'])})")


def flagged_cell(t: dict) -> str:
    """A threshold's flagged test normals against the range a test set of that size should show."""
    low, high = t["flagged_range"]
    return f"{t['flagged_normals']} ({low}..{high}, {_inside(t['inside_flagged_range'])})"


def _inside(inside: bool) -> str:
    return "inside" if inside else "OUTSIDE"


def format_steps(results: dict[str, dict]) -> str:
    """Markdown: AUROC of the search methods after each calibrated step count."""
    lines = []
    for run_name, r in results.items():
        for name, m in r["methods"].items():
            if "auroc_by_steps" in m:
                lines.append(f"| {run_name} | {name} | " + ", ".join(f"{k}: {v:.3f}" for k, v in m["auroc_by_steps"].items()) + " |")
    return "\n".join(["| run | method | AUROC after k steps |", "|---|---|---|", *lines]) if lines else ""


def save(result: dict, path: Path) -> None:
    path.write_text(json.dumps(result, indent=2))
    print(f"wrote {path}", file=sys.stderr)
