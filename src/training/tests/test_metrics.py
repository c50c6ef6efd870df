"""AUROC and AUPRC against brute-force definitions."""
import numpy as np
import pytest

from anogan_train.evaluate import stratified_sample
from anogan_train.metrics import auprc, auroc


def brute_auroc(scores, anomalous):
    pos, neg = scores[anomalous], scores[~anomalous]
    return np.mean([(p > n) + 0.5 * (p == n) for p in pos for n in neg])


def brute_auprc(scores, anomalous):
    thresholds = np.unique(scores)[::-1]
    ap, prev_recall = 0.0, 0.0
    for t in thresholds:
        flagged = scores >= t
        recall = (flagged & anomalous).sum() / anomalous.sum()
        precision = (flagged & anomalous).sum() / flagged.sum()
        ap += (recall - prev_recall) * precision
        prev_recall = recall
    return ap


@pytest.mark.parametrize("seed", range(5))
def test_metrics_match_brute_force_with_ties(seed):
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 15, 200).astype(float)
    anomalous = rng.random(200) < 0.3
    assert auroc(scores, anomalous) == pytest.approx(brute_auroc(scores, anomalous), abs=1e-12)
    assert auprc(scores, anomalous) == pytest.approx(brute_auprc(scores, anomalous), abs=1e-12)


def test_perfect_and_reversed_separation():
    anomalous = np.array([False] * 5 + [True] * 5)
    scores = np.arange(10.0)
    assert auroc(scores, anomalous) == 1.0 and auprc(scores, anomalous) == 1.0
    assert auroc(-scores, anomalous) == 0.0
    with pytest.raises(ValueError):
        auroc(scores, np.ones(10, dtype=bool))


def test_stratified_sample_takes_each_class_equally():
    labels = np.repeat(np.arange(10), 50)
    idx = stratified_sample(labels, 200, 0)
    assert np.bincount(labels[idx]).tolist() == [20] * 10 and len(set(idx)) == 200
