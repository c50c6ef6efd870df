import sys
from pathlib import Path

import pytest
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anogan_train.nets import DCGANDiscriminator, DCGANGenerator  # noqa: E402


def randomise_batch_norm(*modules: nn.Module, seed: int = 0) -> None:
    """Give BatchNorm layers non-trivial running statistics and affine parameters (fresh ones are identity)."""
    gen = torch.Generator().manual_seed(seed)
    for module in modules:
        for m in module.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                n = m.num_features
                m.running_mean.copy_(torch.rand(n, generator=gen) - 0.5)
                m.running_var.copy_(torch.rand(n, generator=gen) * 1.5 + 0.5)
                m.weight.data.copy_(torch.rand(n, generator=gen) + 0.5)
                m.bias.data.copy_(torch.rand(n, generator=gen) * 0.6 - 0.3)


@pytest.fixture
def gan():
    """A small random DCGAN (width 8) in eval mode with non-trivial BatchNorm statistics."""
    torch.manual_seed(0)
    g, d = DCGANGenerator(16, 1, 32, 8), DCGANDiscriminator(1, 32, 8)
    randomise_batch_norm(g, d)
    return g.eval(), d.eval()
