"""Thresholds from calibration normals, with the interval of the false-positive rate they promise."""
from __future__ import annotations

import numpy as np

from .stats import fpr_interval, threshold_at

QUANTILE_LEVELS = [0.5, 0.9, 0.95, 0.99, 0.995, 0.999]


def calibrate(scores: np.ndarray, false_positive_rate: float) -> dict:
    """Threshold and score distribution of calibration normals (patches no model choice has seen).

    ``percentiles`` holds the scores at 0, 1, ..., 100 % so the service can place a new score among
    the normals by interpolation. The threshold flags at most ``false_positive_rate`` of the
    calibration scores; ``beyond_threshold`` says how many lie above it, and
    ``false_positive_rate_interval`` the 95 % range of the rate it will have on new normals.
    """
    scores = np.sort(np.asarray(scores, dtype=np.float64))
    threshold, beyond = threshold_at(scores, false_positive_rate)
    return {
        "patches": int(len(scores)),
        "false_positive_rate": false_positive_rate,
        "threshold": threshold,
        "beyond_threshold": beyond,
        "false_positive_rate_interval": fpr_interval(len(scores), beyond),
        "quantiles": {str(q): float(np.quantile(scores, q)) for q in QUANTILE_LEVELS},
        "percentiles": [float(v) for v in np.quantile(scores, np.linspace(0, 1, 101))],
        "mean": float(scores.mean()),
        "std": float(scores.std()),
    }
