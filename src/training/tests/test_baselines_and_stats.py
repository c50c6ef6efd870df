"""The yardsticks and the statistics of an evaluation, against independent references."""
import numpy as np
import pytest
import torch
from sklearn.decomposition import PCA
from sklearn.neighbors import NearestNeighbors

from anogan_train.baselines import KNNBaseline, PCABaseline, knn_distance
from anogan_train.calibration import calibrate
from anogan_train.metrics import auroc
from anogan_train.stats import auroc_rows, flagged_range, fpr_interval, paired_bootstrap, threshold_at


@pytest.fixture
def patches():
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (300, 1, 6, 6)).astype(np.uint8), rng.integers(0, 256, (40, 1, 6, 6)).astype(np.uint8)


def test_knn_baseline_matches_brute_force_and_sklearn(patches):
    train, test = patches
    a, b = train.reshape(300, -1) / 255.0, test.reshape(40, -1) / 255.0
    brute = np.sort(np.linalg.norm(b[:, None] - a[None], axis=2), axis=1)[:, :5].mean(1)
    distances, _ = NearestNeighbors(n_neighbors=5).fit(a).kneighbors(b)
    ours = KNNBaseline(train).score(test)
    np.testing.assert_allclose(ours, brute, rtol=1e-9)
    np.testing.assert_allclose(ours, distances.mean(1), rtol=1e-9)


def test_knn_distance_can_leave_each_bank_row_out():
    bank = torch.randn(50, 7, dtype=torch.float64)
    full = torch.cdist(bank, bank)
    full.fill_diagonal_(float("inf"))
    expected = full.topk(3, largest=False).values.mean(1)
    torch.testing.assert_close(knn_distance(bank, bank, 3, exclude_self=True, chunk=16), expected)


def test_pca_baseline_matches_sklearn_at_90_percent_variance(patches):
    train, test = patches
    a, b = train.reshape(300, -1) / 255.0, test.reshape(40, -1) / 255.0
    reference = PCA(n_components=0.9, svd_solver="full").fit(a)
    expected = ((b - reference.inverse_transform(reference.transform(b))) ** 2).sum(1)
    ours = PCABaseline(train)
    assert len(ours.components) == reference.n_components_
    np.testing.assert_allclose(ours.score(test), expected, rtol=1e-8)


def test_pixels_are_scaled_by_their_encodings_maximum(patches):
    train, test = patches
    wide = KNNBaseline(train.astype(np.uint16) * 257).score(test.astype(np.uint16) * 257)
    np.testing.assert_allclose(wide, KNNBaseline(train).score(test), rtol=1e-9)


def test_vectorised_auroc_matches_the_reference_with_ties():
    rng = np.random.default_rng(1)
    scores = rng.integers(0, 10, (4, 120)).astype(float)
    labels = rng.random((4, 120)) < 0.4
    np.testing.assert_allclose(auroc_rows(scores, labels), [auroc(s, y) for s, y in zip(scores, labels)], atol=1e-12)


def test_paired_bootstrap_tells_a_real_difference_from_a_tie():
    rng = np.random.default_rng(2)
    anomalous = rng.random(2000) < 0.5
    signal = anomalous + rng.normal(0, 1.0, 2000)
    better = anomalous + rng.normal(0, 0.5, 2000)
    assert paired_bootstrap(better, signal, anomalous, 300)["verdict"] == "better"
    assert paired_bootstrap(signal, better, anomalous, 300)["verdict"] == "worse"
    same = paired_bootstrap(signal, signal + 1e-9 * rng.normal(size=2000), anomalous, 300)
    assert same["verdict"] == "tie" and same["low"] <= 0 <= same["high"]


def test_threshold_flags_at_most_the_rate_on_calibration_scores():
    scores = np.arange(1000.0)
    threshold, beyond = threshold_at(scores, 0.01)
    assert (scores > threshold).sum() == beyond == 9 and threshold == 990.0
    assert calibrate(scores, 0.01)["beyond_threshold"] == 9


def test_fpr_interval_covers_the_rate_on_new_normals_as_often_as_it_says():
    rng = np.random.default_rng(3)
    covered = 0
    for _ in range(400):
        calibration = rng.normal(size=500)
        threshold, beyond = threshold_at(calibration, 0.02)
        true_rate = 0.5 * (1 - __import__("math").erf(threshold / 2 ** 0.5))
        interval = fpr_interval(500, beyond)
        covered += interval["low"] <= true_rate <= interval["high"]
    assert 0.92 <= covered / 400 <= 0.98


def test_flagged_range_matches_the_counts_of_simulated_test_sets():
    # Simulated: a threshold from 600 calibration normals, then 400 new normals; the count beyond it, over many
    # repeats, against the range and the mean of the Beta-binomial it claims.
    rng = np.random.default_rng(5)
    counts = []
    for _ in range(2000):
        threshold, beyond = threshold_at(rng.normal(size=600), 0.01)
        counts.append(int((rng.normal(size=400) > threshold).sum()))
    expected = flagged_range(600, beyond, 400)
    counts = np.array(counts)
    inside = ((counts >= expected["low"]) & (counts <= expected["high"])).mean()
    assert 0.94 <= inside <= 0.995
    assert abs(counts.mean() - 400 * 6 / 601) < 0.2
    # wider than the rate's interval scaled to the test set: the test set's own noise is in it
    rate = fpr_interval(600, beyond)
    assert expected["low"] < 400 * rate["low"] and expected["high"] > 400 * rate["high"]
