"""Ranking metrics of anomaly scores against labels: AUROC and AUPRC."""
from __future__ import annotations

import numpy as np


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
