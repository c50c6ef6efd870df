"""The explicit search step and search against autograd and torch.optim.Adam."""
import pytest
import torch

from anogan_train.explicit import to_explicit
from anogan_train.search import (AdamSearchStep, ExplicitSearch, SearchConfig, autograd_search, per_patch_l1,
                                 reference_scores)

CONFIG = SearchConfig(feature_weight=0.1, lr=0.05)


def autograd_gradient(g, d, x, z, w):
    z = z.clone().requires_grad_(True)
    gz = g(z)
    loss = (1 - w) * per_patch_l1(x, gz) + w * per_patch_l1(d.features(x), d.features(gz))
    return torch.autograd.grad(loss.sum(), z)[0]


@pytest.mark.parametrize("dtype,tolerance", [(torch.float32, 1e-4), (torch.float64, 1e-10)])
def test_gradient_of_search_loss_matches_autograd(gan, dtype, tolerance):
    g, d = (m.to(dtype) for m in gan)
    x = (torch.rand(5, 1, 32, 32) * 2 - 1).to(dtype)
    z = torch.randn(5, 16, dtype=dtype)
    step = AdamSearchStep(to_explicit(g, z), to_explicit(d.features, x), CONFIG)
    explicit = step.gradient(x, d.features(x).detach(), z)
    expected = autograd_gradient(g, d, x, z, CONFIG.feature_weight)
    assert ((explicit - expected).norm() / expected.norm()).item() <= tolerance


def test_adam_step_matches_torch_optim_adam_in_float64(gan):
    g, d = (m.double() for m in gan)
    x = torch.rand(4, 1, 32, 32, dtype=torch.float64) * 2 - 1
    z0 = torch.randn(4, 16, dtype=torch.float64)
    search = ExplicitSearch(g, d, (1, 32, 32), CONFIG)
    # float64 still flips an L1 sign now and then over many steps; 3 steps keep z comparable
    with torch.no_grad():
        explicit = search(x, z0, 3)["z"]
    assert torch.allclose(explicit, autograd_search(g, d, x, z0, 3, CONFIG), rtol=0, atol=1e-10)


def test_explicit_search_matches_autograd_search(gan):
    g, d = gan
    x = torch.rand(6, 1, 32, 32) * 2 - 1
    z0 = torch.randn(6, 16)
    search = ExplicitSearch(g, d, (1, 32, 32), CONFIG)
    with torch.no_grad():
        recorded = search.trajectory(x, z0, [1, 3, 40])
    for steps in (1, 3):
        assert torch.allclose(recorded[steps]["z"], autograd_search(g, d, x, z0, steps, CONFIG), atol=1e-4)
    reference = reference_scores(g, d, x, autograd_search(g, d, x, z0, 40, CONFIG), CONFIG.feature_weight)
    # z may drift at many steps (Adam turns float32 sign flips of the L1 gradient into lr-sized moves); scores agree
    for key in ("residual", "discrimination", "reference_discrimination", "score"):
        assert torch.allclose(recorded[40][key], reference[key], rtol=1e-3), key
    assert torch.allclose(recorded[40]["anomaly_map"], (x - recorded[40]["reconstruction"]).abs())


def test_search_lowers_the_loss_and_patches_search_independently(gan):
    g, d = gan
    x = torch.rand(4, 1, 32, 32) * 2 - 1
    z0 = torch.randn(4, 16)
    search = ExplicitSearch(g, d, (1, 32, 32), CONFIG)
    with torch.no_grad():
        recorded = search.trajectory(x, z0, [0, 30])
        alone = search(x[2:3], z0[2:3], 30)
    assert (recorded[30]["score"] < recorded[0]["score"]).all()
    assert torch.allclose(alone["score"], recorded[30]["score"][2:3], rtol=1e-5)
