"""Every hand-written VJP against torch.autograd, in float32 (rel. error <= 1e-4) and float64 (<= 1e-10)."""
import pytest
import torch
from torch import nn

from anogan_train.explicit import to_explicit
from anogan_train.nets import BiGANGenerator, ConvEncoder, Reshape

from conftest import randomise_batch_norm

TOLERANCE = {torch.float32: 1e-4, torch.float64: 1e-10}


def rel_error(a: torch.Tensor, b: torch.Tensor) -> float:
    return ((a - b).norm() / b.norm()).item()


def check_vjp(module: nn.Module, x: torch.Tensor, dtype: torch.dtype) -> None:
    module = module.to(dtype).eval()
    x = x.to(dtype)
    chain = to_explicit(module, x)
    xr = x.clone().requires_grad_(True)
    y = module(xr)
    grad_y = torch.randn(y.shape, dtype=dtype, generator=torch.Generator().manual_seed(1))
    (expected,) = torch.autograd.grad(y, xr, grad_y)
    acts = chain.forward_saving(x)
    assert rel_error(acts[-1], y.detach()) <= TOLERANCE[dtype]
    assert rel_error(chain.vjp(acts, grad_y), expected) <= TOLERANCE[dtype]


LAYERS = {
    "conv stride 2": (lambda: nn.Conv2d(3, 5, 4, 2, 1), (2, 3, 16, 16)),
    "conv odd input (output padding)": (lambda: nn.Conv2d(3, 5, 4, 2, 1), (2, 3, 17, 17)),
    "conv with bias stride 1": (lambda: nn.Conv2d(2, 4, 3, 1, 1), (2, 2, 8, 8)),
    "transposed conv stride 2": (lambda: nn.ConvTranspose2d(5, 3, 4, 2, 1, bias=False), (2, 5, 8, 8)),
    "transposed conv from 1x1": (lambda: nn.ConvTranspose2d(6, 4, 4, 1, 0), (2, 6, 1, 1)),
    "linear": (lambda: nn.Linear(7, 5), (3, 7)),
    "relu": (lambda: nn.ReLU(), (4, 9)),
    "leaky relu": (lambda: nn.LeakyReLU(0.2), (4, 9)),
    "tanh": (lambda: nn.Tanh(), (4, 9)),
    "flatten": (lambda: nn.Flatten(), (2, 3, 4, 4)),
    "reshape": (lambda: Reshape(3, 2, 2), (2, 12)),
}


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("name", sorted(LAYERS))
def test_layer_vjp_matches_autograd(name, dtype):
    torch.manual_seed(0)
    make, shape = LAYERS[name]
    check_vjp(nn.Sequential(make()), torch.randn(shape), dtype)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("bn", [nn.BatchNorm2d, nn.BatchNorm1d])
def test_batch_norm_in_eval_is_folded_exactly(bn, dtype):
    torch.manual_seed(0)
    if bn is nn.BatchNorm2d:
        seq, shape = nn.Sequential(nn.Conv2d(3, 6, 4, 2, 1, bias=False), nn.BatchNorm2d(6), nn.LeakyReLU(0.2)), (2, 3, 8, 8)
    else:
        seq, shape = nn.Sequential(nn.Linear(5, 6, bias=False), nn.BatchNorm1d(6), nn.ReLU()), (3, 5)
    randomise_batch_norm(seq)
    check_vjp(seq, torch.randn(shape), dtype)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_whole_networks_match_autograd(gan, dtype):
    g, d = gan
    check_vjp(g, torch.randn(3, 16), dtype)
    check_vjp(d.features, torch.rand(3, 1, 32, 32) * 2 - 1, dtype)
    bigan_g, encoder = BiGANGenerator(16, 3, 32, 8), ConvEncoder(16, 3, 32, 8)
    randomise_batch_norm(bigan_g, encoder)
    check_vjp(bigan_g, torch.randn(3, 16), dtype)
    check_vjp(encoder, torch.rand(3, 3, 32, 32) * 2 - 1, dtype)


def test_unsupported_layer_is_named():
    with pytest.raises(TypeError, match="Sigmoid"):
        to_explicit(nn.Sequential(nn.Linear(2, 2), nn.Sigmoid()), torch.zeros(1, 2))
