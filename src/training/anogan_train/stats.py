"""Statistics of an evaluation: a paired bootstrap of AUROC differences and false-positive-rate intervals."""
from __future__ import annotations

import numpy as np
from scipy import stats


def _midranks(scores: np.ndarray) -> np.ndarray:
    return stats.rankdata(scores, method="average", axis=-1)


def auroc_rows(scores: np.ndarray, anomalous: np.ndarray) -> np.ndarray:
    """AUROC of each row of ``scores`` ``[B, N]`` against the matching row of ``anomalous`` (ties count one half)."""
    ranks = _midranks(scores)
    n_pos = anomalous.sum(-1)
    n_neg = anomalous.shape[-1] - n_pos
    return ((ranks * anomalous).sum(-1) - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def paired_bootstrap(ours: np.ndarray, reference: np.ndarray, anomalous: np.ndarray, resamples: int = 1000,
                     seed: int = 0, level: float = 0.95) -> dict:
    """Paired bootstrap over test patches of ``AUROC(ours) − AUROC(reference)``.

    The same resampled patches score both methods, so the interval reflects the difference
    itself, not the two methods' separate noise.

    Returns:
        ``difference`` on the full set, its ``low``/``high`` bounds at ``level``, and ``verdict``:
        ``"better"`` or ``"worse"`` when the interval excludes 0, else ``"tie"``.
    """
    ours, reference, anomalous = np.asarray(ours), np.asarray(reference), np.asarray(anomalous, dtype=bool)
    rng = np.random.default_rng(seed)
    diffs = []
    for start in range(0, resamples, 100):
        idx = rng.integers(0, len(ours), (min(100, resamples - start), len(ours)))
        labels = anomalous[idx]
        keep = (labels.sum(1) > 0) & (labels.sum(1) < labels.shape[1])
        diffs.append(auroc_rows(ours[idx][keep], labels[keep]) - auroc_rows(reference[idx][keep], labels[keep]))
    diffs = np.concatenate(diffs)
    low, high = np.quantile(diffs, [(1 - level) / 2, (1 + level) / 2])
    full = float(auroc_rows(ours[None], anomalous[None])[0] - auroc_rows(reference[None], anomalous[None])[0])
    verdict = "better" if low > 0 else "worse" if high < 0 else "tie"
    return {"difference": full, "low": float(low), "high": float(high), "level": level, "resamples": len(diffs),
            "verdict": verdict}


def threshold_at(scores: np.ndarray, false_positive_rate: float) -> tuple[float, int]:
    """The threshold that flags at most ``false_positive_rate`` of the calibration scores, and how many it flags.

    The threshold is the ``r``-th largest calibration score with ``r = max(1, floor(n · rate))``;
    a score strictly above it is anomalous, so exactly ``r − 1`` calibration scores (ties aside) lie beyond it.
    """
    ordered = np.sort(np.asarray(scores, dtype=np.float64))[::-1]
    rank = max(1, int(np.floor(len(ordered) * false_positive_rate)))
    threshold = float(ordered[rank - 1])
    return threshold, int((ordered > threshold).sum())


def fpr_interval(calibration_patches: int, beyond: int, level: float = 0.95) -> dict:
    """Interval for the false-positive rate on new normal patches of a threshold set on calibration normals.

    With the threshold at the ``(beyond + 1)``-th largest of ``n`` exchangeable calibration
    scores, the probability that a new normal score exceeds it follows Beta(beyond + 1, n − beyond)
    (the order-statistic / conformal argument); the interval is its central ``level`` range.
    """
    n, r = calibration_patches, beyond + 1
    dist = stats.beta(r, n - r + 1)
    return {"low": float(dist.ppf((1 - level) / 2)), "high": float(dist.ppf((1 + level) / 2)),
            "expected": float(r / (n + 1)), "level": level, "calibration_patches": n, "beyond_threshold": beyond}


def flagged_range(calibration_patches: int, beyond: int, normals: int, level: float = 0.95) -> dict:
    """Range of how many of ``normals`` new normal patches a threshold set on calibration normals flags.

    The rate is Beta(beyond + 1, n − beyond) (see :func:`fpr_interval`) and, given the rate, the count among
    ``normals`` new ones is binomial, so the count is Beta-binomial: the exact predictive range for a test set of
    that size. It is wider than ``normals`` times the rate's interval, since a finite test set adds its own
    sampling noise; a test set's count outside it says the threshold does not hold.
    """
    n, r = calibration_patches, beyond + 1
    dist = stats.betabinom(normals, r, n - r + 1)
    return {"low": int(dist.ppf((1 - level) / 2)), "high": int(dist.ppf((1 + level) / 2)), "level": level,
            "normals": normals}
