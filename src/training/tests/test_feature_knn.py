"""The feature kNN method: taps, memory banks and distances against a direct computation."""
from dataclasses import replace

import numpy as np
import pytest
import torch
from torch import nn

from anogan_train.feature_knn import FeatureKNNConfig, build_feature_knn, candidate_configs, choose_feature_knn
from anogan_train.nets import BiGANDiscriminator, ConvEncoder, DCGANDiscriminator, DCGANGenerator
from anogan_train.corruptions import CORRUPTIONS, corrupt
from anogan_train.metrics import auroc
from anogan_train.selection import choose

from conftest import randomise_batch_norm


@pytest.fixture
def networks():
    torch.manual_seed(0)
    d, e, g = DCGANDiscriminator(1, 32, 4), ConvEncoder(8, 1, 32, 4), DCGANGenerator(8, 1, 32, 4)
    randomise_batch_norm(d, e, g)
    return d.eval(), e.eval(), g.eval()


def direct_tap(stack: nn.Sequential, relu_index: int, pool: int, x: torch.Tensor, cosine: bool = False) -> torch.Tensor:
    relus = [i for i, layer in enumerate(stack) if isinstance(layer, nn.LeakyReLU)]
    h = x
    with torch.no_grad():
        for layer in list(stack)[:relus[relu_index] + 1]:
            h = layer(h)
    f = (nn.functional.avg_pool2d(h, pool) if pool > 1 else h).flatten(1)
    return f / f.norm(dim=1, keepdim=True) if cosine else f


def image_path(width: int = 4, size: int = 32) -> nn.Sequential:
    """A BiGAN discriminator's image stack, as the methods tap it."""
    return BiGANDiscriminator(8, 1, size, width).eval().image_stack()


def test_score_is_the_sum_of_scaled_nearest_neighbour_distances(networks):
    d, e, g = networks
    bank, held_out, query = (torch.rand(n, 1, 32, 32) * 2 - 1 for n in (40, 12, 5))
    config = FeatureKNNConfig(taps=("d0", "e2", "d1c"), pool=(2, 1, 2), k=3)
    module = build_feature_knn({"d": d.features, "e": e}, e, g, bank, held_out, config)
    with torch.no_grad():
        outputs = dict(zip(module.output_names(), module(query)))
    expected_score = torch.zeros(5)
    for name, stack, relu, pool, cosine in (("d0", d.features, 0, 2, False), ("e2", e, 2, 1, False),
                                            ("d1c", d.features, 1, 2, True)):
        a, q, v = (direct_tap(stack, relu, pool, t, cosine).double() for t in (bank, query, held_out))
        dist = torch.cdist(q, a).topk(3, largest=False).values.mean(1)
        scale = torch.cdist(v, a).topk(3, largest=False).values.mean(1).mean()
        torch.testing.assert_close(outputs[f"knn_{name}"].double(), dist, rtol=1e-4, atol=1e-4)
        expected_score += (dist / scale).float()
    torch.testing.assert_close(outputs["score"], expected_score, rtol=1e-4, atol=1e-4)
    with torch.no_grad():
        torch.testing.assert_close(outputs["reconstruction"], g(e(query)))
    assert module.output_names()[1:4] == ("knn_d0", "knn_e2", "knn_d1c")


def test_a_training_normal_is_nearer_than_noise(networks):
    d, e, g = networks
    bank = torch.rand(60, 1, 32, 32) * 0.2 - 1
    config = FeatureKNNConfig(taps=("e0", "d2"), pool=(2, 1), k=1)
    module = build_feature_knn({"d": d.features, "e": e}, e, g, bank, bank[:10] + 0.01, config)
    with torch.no_grad():
        near, noise = module(bank[:4])[0], module(torch.rand(4, 1, 32, 32) * 2 - 1)[0]
    assert near.max() < noise.min()


def test_bank_size_keeps_a_random_subset(networks):
    d, e, g = networks
    bank = torch.rand(50, 1, 32, 32) * 2 - 1
    module = build_feature_knn({"d": d.features, "e": e}, e, g, bank, bank[:5], FeatureKNNConfig(("e0",), (2,), bank_size=20))
    assert module.bank0.shape[0] == 20


@pytest.mark.parametrize("config,message", [
    (dict(taps=("d0",), pool=(1, 2)), "one pooling factor per tap"),
    (dict(taps=("q0",), pool=(1,)), "network letter"),
    (dict(taps=("x1k",), pool=(1,)), "network letter"),
    (dict(k=0), "k must be at least 1"),
])
def test_bad_configurations_are_refused(config, message):
    with pytest.raises(ValueError, match=message):
        FeatureKNNConfig(**config)


def test_the_tap_set_is_the_best_rated_candidate_on_corrupted_held_out_normals(networks):
    d, e, g = networks
    torch.manual_seed(1)
    bank, held_out = torch.rand(60, 1, 32, 32) * 2 - 1, torch.rand(16, 1, 32, 32) * 2 - 1
    stacks = {"x": image_path(), "i": e}
    module = choose_feature_knn(stacks, e, g, bank, held_out, FeatureKNNConfig(k=2))
    ratings = module.choice["proxy_auroc"]
    candidates = candidate_configs(stacks, bank[:1], FeatureKNNConfig(k=2))
    assert set(ratings) == set(candidates)
    best = max(ratings.values())
    first_best = next(name for name in candidates if ratings[name] == best)
    assert module.choice["tap_set"] == first_best
    assert module.config == replace(candidates[first_best], bank_size=60)


def test_candidate_taps_read_two_depths_pooled_to_at_most_eight_positions_a_side():
    torch.manual_seed(0)
    stacks = {"x": image_path(size=64), "i": ConvEncoder(8, 1, 64, 4)}
    candidates = candidate_configs(stacks, torch.zeros(1, 1, 64, 64), FeatureKNNConfig())
    assert candidates["discriminator, two layers"].taps == ("x0", "x1c")
    both = candidates["discriminator and izi_f encoder, two layers"]
    assert both.taps == ("x0", "i0", "x1c", "i1c") and both.pool == (4, 4, 2, 2)


def test_corruptions_change_every_patch_and_keep_the_model_range():
    x = torch.rand(16, 1, 32, 32) * 2 - 1
    corrupted, kinds = corrupt(x, seed=0)
    assert set(kinds) == set(CORRUPTIONS)
    assert ((corrupted - x).abs().flatten(1).sum(1) > 0).all()
    assert corrupted.min() >= -1 and corrupted.max() <= 1


def _proxy(scores: dict) -> tuple[dict, dict]:
    """Ratings and proxy of candidates scoring 200 normals then 200 corrupted copies."""
    anomalous = np.r_[np.zeros(200, bool), np.ones(200, bool)]
    ratings = {"corruptions": list(CORRUPTIONS),
               "auroc": {name: {steps: auroc(v, anomalous) for steps, v in by_steps.items()}
                         for name, by_steps in scores.items()}}
    return ratings, {"anomalous": anomalous, "scores": scores}


def test_choice_takes_a_clearly_better_rating_with_the_fewest_steps_among_equals():
    rng = np.random.default_rng(0)
    noise = rng.normal(size=400)
    separating = noise + 3 * np.r_[np.zeros(200), np.ones(200)]
    ratings, proxy = _proxy({"a": {0: noise}, "b": {0: separating, 5: separating.copy(), 10: noise.copy()}})
    chosen = choose(ratings, ["a", "b"], proxy)
    assert (chosen["method"], chosen["steps"]) == ("b", 0)
    assert chosen["best_rated_against_preferred"]["verdict"] == "better"


def test_choice_keeps_the_preferred_candidate_when_the_proxy_cannot_tell_them_apart():
    rng = np.random.default_rng(7)  # a draw where the noisy copy happens to rate higher (0.677 against 0.665)
    preferred = 0.5 * np.r_[np.zeros(200), np.ones(200)] + rng.normal(size=400)
    slightly_higher = preferred + 0.3 * rng.normal(size=400)
    ratings, proxy = _proxy({"preferred": {0: preferred}, "other": {0: slightly_higher}})
    assert ratings["auroc"]["other"][0] > ratings["auroc"]["preferred"][0]
    chosen = choose(ratings, ["preferred", "other"], proxy)
    assert (chosen["method"], chosen["steps"]) == ("preferred", 0)
    assert chosen["best_rated_against_preferred"]["verdict"] == "tie"
