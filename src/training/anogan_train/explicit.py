"""Explicit vector-Jacobian products of the networks, written out for the ONNX export of the search.

``torch.onnx.export`` cannot export autograd, so the latent search's gradient dL/dz is written as
a chain of hand-written VJPs: each layer here has ``forward(x)`` and ``vjp(x, y, grad_y)`` giving
grad_x. Everything is plain tensor arithmetic that traces into standard ONNX operators.

For the export, a network in eval mode is rewritten with every BatchNorm folded into the affine
layer before it (eval-mode BatchNorm is a per-channel scale and shift, so the fold is exact and
the VJP of the pair is the VJP of the folded layer); ``Dropout`` is the identity in eval mode.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from . import nets


class ExplicitLayer(nn.Module):
    """A layer with a forward pass and its VJP with respect to the input."""

    def vjp(self, x: torch.Tensor, y: torch.Tensor, grad_y: torch.Tensor) -> torch.Tensor:
        """Return grad_x = (dy/dx)^T grad_y, given the input x and output y of ``forward``."""
        raise NotImplementedError


class Conv(ExplicitLayer):
    """Conv2d with a bias; its VJP is the transposed convolution with the same weight."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, stride: int, padding: int, output_padding: int):
        super().__init__()
        self.register_buffer("weight", weight)
        self.register_buffer("bias", bias)
        self.stride, self.padding, self.output_padding = stride, padding, output_padding

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, self.stride, self.padding)

    def vjp(self, x, y, grad_y):
        return F.conv_transpose2d(grad_y, self.weight, None, self.stride, self.padding, self.output_padding)


class ConvTranspose(ExplicitLayer):
    """ConvTranspose2d with a bias; its VJP is the convolution with the same weight."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor, stride: int, padding: int):
        super().__init__()
        self.register_buffer("weight", weight)
        self.register_buffer("bias", bias)
        self.stride, self.padding = stride, padding

    def forward(self, x):
        return F.conv_transpose2d(x, self.weight, self.bias, self.stride, self.padding)

    def vjp(self, x, y, grad_y):
        return F.conv2d(grad_y, self.weight, None, self.stride, self.padding)


class Linear(ExplicitLayer):
    """Linear layer with a bias; its VJP is a product with the weight."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor):
        super().__init__()
        self.register_buffer("weight", weight)
        self.register_buffer("bias", bias)

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)

    def vjp(self, x, y, grad_y):
        return grad_y.matmul(self.weight)


class Relu(ExplicitLayer):
    def forward(self, x):
        return torch.relu(x)

    def vjp(self, x, y, grad_y):
        return grad_y * (x > 0).to(grad_y.dtype)


class LeakyRelu(ExplicitLayer):
    """LeakyReLU; the slope mask is float arithmetic because ``torch.where`` with Python numbers
    exports float64 constants in torch 1.13, which the ONNX checker rejects."""

    def __init__(self, slope: float):
        super().__init__()
        self.slope = slope

    def forward(self, x):
        return F.leaky_relu(x, self.slope)

    def vjp(self, x, y, grad_y):
        positive = (x > 0).to(grad_y.dtype)
        return grad_y * (positive * (1.0 - self.slope) + self.slope)


class Tanh(ExplicitLayer):
    def forward(self, x):
        return torch.tanh(x)

    def vjp(self, x, y, grad_y):
        return grad_y * (1.0 - y * y)


class Reshape(ExplicitLayer):
    """Flatten/Unflatten of all but the batch axis; batch stays dynamic (-1) in the export."""

    def __init__(self, in_shape: tuple[int, ...], out_shape: tuple[int, ...]):
        super().__init__()
        self.in_shape, self.out_shape = tuple(in_shape), tuple(out_shape)

    def forward(self, x):
        return x.reshape((-1,) + self.out_shape)

    def vjp(self, x, y, grad_y):
        return grad_y.reshape((-1,) + self.in_shape)


class ExplicitChain(nn.Module):
    """A chain of explicit layers with a saving forward pass and a backward pass of VJPs."""

    def __init__(self, layers: list[ExplicitLayer]):
        super().__init__()
        self.layers = nn.ModuleList(layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        return x

    def forward_saving(self, x: torch.Tensor) -> list[torch.Tensor]:
        """Return every activation: ``[x, layer1(x), ..., output]``."""
        acts = [x]
        for layer in self.layers:
            acts.append(layer(acts[-1]))
        return acts

    def vjp(self, acts: list[torch.Tensor], grad_out: torch.Tensor) -> torch.Tensor:
        """Back-propagate ``grad_out`` through the chain using the activations of ``forward_saving``."""
        grad = grad_out
        for i in range(len(self.layers) - 1, -1, -1):
            grad = self.layers[i].vjp(acts[i], acts[i + 1], grad)
        return grad


def _fold(weight: torch.Tensor, bias: torch.Tensor | None, bn: nn.Module | None, out_axis: int):
    out_channels = weight.shape[out_axis]
    bias = torch.zeros(out_channels, dtype=weight.dtype) if bias is None else bias.detach().clone()
    weight = weight.detach().clone()
    if bn is None:
        return weight, bias
    scale = bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)
    shape = [1] * weight.dim()
    shape[out_axis] = out_channels
    return weight * scale.reshape(shape), (bias - bn.running_mean) * scale + bn.bias.detach()


def _leaves(module: nn.Module) -> list[nn.Module]:
    if isinstance(module, nn.Sequential):
        return [leaf for child in module for leaf in _leaves(child)]
    return [module]


def to_explicit(modules: nn.Module, example: torch.Tensor) -> ExplicitChain:
    """Rewrite an eval-mode ``nn.Sequential`` (or several, chained) as an :class:`ExplicitChain`.

    Args:
        modules: a Sequential of the layer types of :mod:`anogan_train.nets`.
        example: an input of the right shape; it fixes the spatial sizes of the transposed VJPs.
    Returns:
        The explicit chain, BatchNorm folded, Dropout removed; same outputs as ``modules`` in eval mode.
    Raises:
        TypeError: for a layer type without an explicit VJP.
    """
    flat = _leaves(modules)
    layers: list[ExplicitLayer] = []
    x = example
    i = 0
    with torch.no_grad():
        while i < len(flat):
            m = flat[i]
            bn = flat[i + 1] if i + 1 < len(flat) and isinstance(flat[i + 1], (nn.BatchNorm1d, nn.BatchNorm2d)) else None
            if isinstance(m, nn.Conv2d):
                y = m(x)
                expected = (y.shape[-1] - 1) * m.stride[0] - 2 * m.padding[0] + m.kernel_size[0]
                layer = Conv(*_fold(m.weight, m.bias, bn, 0), m.stride[0], m.padding[0], x.shape[-1] - expected)
            elif isinstance(m, nn.ConvTranspose2d):
                layer = ConvTranspose(*_fold(m.weight, m.bias, bn, 1), m.stride[0], m.padding[0])
            elif isinstance(m, nn.Linear):
                layer = Linear(*_fold(m.weight, m.bias, bn, 0))
            elif isinstance(m, nn.ReLU):
                layer = Relu()
            elif isinstance(m, nn.LeakyReLU):
                layer = LeakyRelu(m.negative_slope)
            elif isinstance(m, nn.Tanh):
                layer = Tanh()
            elif isinstance(m, (nn.Flatten, nets.Reshape)):
                layer = Reshape(tuple(x.shape[1:]), tuple(m(x).shape[1:]))
            elif isinstance(m, nn.Dropout):
                i += 1
                continue
            else:
                raise TypeError(f"no explicit VJP for layer {type(m).__name__}")
            layers.append(layer)
            x = layer(x)
            i += 2 if bn is not None else 1
    return ExplicitChain(layers)
