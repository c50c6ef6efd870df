"""The plain torch modules: only the maths of each network, no training loop.

All networks work on square images whose side is a power of two (32 or 64 for our patches),
in the model range [-1, 1]. Every network is an ``nn.Sequential`` (or a small composition of
them) built from Conv2d, ConvTranspose2d, Linear, BatchNorm, ReLU/LeakyReLU/Tanh, Flatten and
:class:`Reshape` only: :mod:`anogan_train.explicit` rewrites exactly these layers with hand-written
vector-Jacobian products for the ONNX export of the latent search.
"""
from __future__ import annotations

import math

import torch
from torch import nn

LEAK = 0.2


def _levels(image_size: int) -> int:
    levels = int(math.log2(image_size)) - 2
    if image_size < 16 or 2 ** (levels + 2) != image_size:
        raise ValueError(f"image size must be a power of two >= 16, got {image_size}")
    return levels


def conv_stack(channels: int, width: int, image_size: int) -> list[nn.Module]:
    """Strided 4x4 convolutions halving the image down to 4x4, channels doubling from ``width``.

    Args:
        channels: input image channels.
        width: channels of the first convolution.
        image_size: input side.
    Returns:
        The layers: conv, LeakyReLU, then (conv, BatchNorm, LeakyReLU) per further level.
    """
    layers: list[nn.Module] = [nn.Conv2d(channels, width, 4, 2, 1, bias=False), nn.LeakyReLU(LEAK)]
    ch = width
    for _ in range(_levels(image_size) - 1):
        layers += [nn.Conv2d(ch, ch * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ch * 2), nn.LeakyReLU(LEAK)]
        ch *= 2
    return layers


def upsample_stack(top_channels: int, channels: int, image_size: int) -> list[nn.Module]:
    """Transposed 4x4 convolutions from 4x4 up to ``image_size``, halving channels, ending in tanh."""
    layers: list[nn.Module] = []
    ch = top_channels
    for _ in range(_levels(image_size) - 1):
        layers += [nn.ConvTranspose2d(ch, ch // 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ch // 2), nn.ReLU()]
        ch //= 2
    layers += [nn.ConvTranspose2d(ch, channels, 4, 2, 1, bias=False), nn.Tanh()]
    return layers


class Reshape(nn.Module):
    """Reshape all but the batch axis; unlike ``nn.Unflatten`` it exports to ONNX with torch 1.13."""

    def __init__(self, *shape: int):
        super().__init__()
        self.shape = shape

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.reshape((-1,) + self.shape)


def top_channels(width: int, image_size: int) -> int:
    return width * 2 ** (_levels(image_size) - 1)


class DCGANGenerator(nn.Sequential):
    """DCGAN generator G(z): z[N, Z] → image[N, C, S, S] (the AnoGAN paper's G)."""

    def __init__(self, latent_dim: int, channels: int, image_size: int, width: int):
        top = top_channels(width, image_size)
        super().__init__(
            Reshape(latent_dim, 1, 1),
            nn.ConvTranspose2d(latent_dim, top, 4, 1, 0, bias=False), nn.BatchNorm2d(top), nn.ReLU(),
            *upsample_stack(top, channels, image_size),
        )
        self.latent_dim = latent_dim


class DCGANDiscriminator(nn.Module):
    """DCGAN discriminator split as AnoGAN needs it: ``features`` is f(x), ``head`` maps f(x) to a logit."""

    def __init__(self, channels: int, image_size: int, width: int):
        super().__init__()
        self.features = nn.Sequential(*conv_stack(channels, width, image_size))
        self.head = nn.Sequential(nn.Conv2d(top_channels(width, image_size), 1, 4, 1, 0, bias=False))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return D's logit per image, shape [N]."""
        return self.head(self.features(x)).reshape(-1)


class ConvEncoder(nn.Sequential):
    """Encoder E(x): image → z[N, Z]. EGBAD's encoder and the hybrid's izi_f encoder share it."""

    def __init__(self, latent_dim: int, channels: int, image_size: int, width: int):
        top = top_channels(width, image_size)
        super().__init__(*conv_stack(channels, width, image_size), nn.Flatten(), nn.Linear(top * 16, latent_dim))
        self.latent_dim = latent_dim


class BiGANGenerator(nn.Sequential):
    """EGBAD's generator family: two dense layers, then transposed convolutions (MNIST architecture, sized to S)."""

    def __init__(self, latent_dim: int, channels: int, image_size: int, width: int, hidden: int = 256):
        top = top_channels(width, image_size)
        super().__init__(
            nn.Linear(latent_dim, hidden, bias=False), nn.BatchNorm1d(hidden), nn.ReLU(),
            nn.Linear(hidden, top * 16, bias=False), nn.BatchNorm1d(top * 16), nn.ReLU(),
            Reshape(top, 4, 4),
            *upsample_stack(top, channels, image_size),
        )
        self.latent_dim = latent_dim


class BiGANDiscriminator(nn.Module):
    """EGBAD's joint discriminator D(x, z): a conv path for x, a dense path for z, a joint dense layer.

    ``features(x, z)`` is the joint layer used by EGBAD's feature-matching score.
    """

    def __init__(self, latent_dim: int, channels: int, image_size: int, width: int,
                 hidden: int = 256, joint: int = 512, dropout: float = 0.2):
        super().__init__()
        self.x_path = nn.Sequential(*conv_stack(channels, width, image_size), nn.Flatten())
        self.z_path = nn.Sequential(nn.Linear(latent_dim, hidden), nn.LeakyReLU(LEAK), nn.Dropout(dropout))
        self.joint = nn.Sequential(nn.Linear(top_channels(width, image_size) * 16 + hidden, joint), nn.LeakyReLU(LEAK), nn.Dropout(dropout))
        self.head = nn.Linear(joint, 1)

    def image_stack(self) -> nn.Sequential:
        """The image path's convolution stack, without its Flatten (the same modules, not copies)."""
        return nn.Sequential(*[layer for layer in self.x_path if not isinstance(layer, nn.Flatten)])

    def features(self, x: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
        return self.joint(torch.cat([self.x_path(x), self.z_path(z)], dim=1))

    def forward(self, x: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
        """Return D's logit per (x, z) pair, shape [N]."""
        return self.head(self.features(x, z)).squeeze(1)
