"""Collapse detection: generators that make one image are caught in training and their bundles refused."""
import json
import shutil

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from anogan_train import health
from anogan_train.bundle import validate_bundle
from anogan_train.cli import main


class Flat(nn.Module):
    """A collapsed generator: the same grey image for every z."""

    latent_dim = 64

    def forward(self, z):
        return torch.zeros(len(z), 1, 8, 8) + 0.1 * torch.ones(1, 1, 8, 8)


class Unflatten(nn.Module):
    """A perfect generator for its encoder: z is the image."""

    latent_dim = 64

    def forward(self, z):
        return torch.tanh(z).reshape(-1, 1, 8, 8)


def patches():
    return torch.rand(50, 1, 8, 8, generator=torch.Generator().manual_seed(0)) * 1.6 - 0.8


def test_a_flat_generator_is_collapsed():
    verdict = health.check_generator(Flat(), nn.Flatten(), patches())
    assert verdict["collapsed"] and verdict["sample_spread"] == 0 and verdict["reconstruction_spread"] == 0
    assert any("nearly one image" in p for p in verdict["problems"])
    block = health.warning_block({"dcgan": verdict})
    assert block.startswith("!" * 78) and "WARNING" in block and "dcgan: samples G(z) are nearly one image" in block


def test_an_informative_generator_passes():
    class Atanh(nn.Module):
        def forward(self, x):
            return torch.atanh(x.flatten(1))

    verdict = health.check_generator(Unflatten(), Atanh(), patches())
    assert not verdict["collapsed"] and verdict["reconstruction_r2"] == pytest.approx(1, abs=1e-5)
    assert verdict["reconstruction_spread"] == pytest.approx(1, abs=1e-5) and verdict["sample_spread"] > 0.5
    assert health.warning_block({"dcgan": verdict}) == ""


def test_reconstructions_unrelated_to_their_patches_are_noted_but_not_a_collapse():
    class Shuffle(nn.Module):
        def forward(self, x):
            return torch.atanh(x.flatten(1)).roll(1, dims=0)  # each patch gets another patch's reconstruction

    verdict = health.check_generator(Unflatten(), Shuffle(), patches())
    # varied reconstructions that are not pixel-faithful (as a BiGAN's are) carry information: a note, no refusal
    assert not verdict["collapsed"] and "no closer to their patches than the mean patch" in verdict["warnings"][0]


def test_ratios():
    x = np.random.default_rng(0).random((10, 1, 4, 4))
    assert health.spread_ratio(x, x) == pytest.approx(1) and health.spread_ratio(x * 0 + 0.3, x) < 1e-20
    assert health.r_squared(x, x) == pytest.approx(1) and health.r_squared(x, x.mean(0, keepdims=True) + 0 * x) == pytest.approx(0)


TINY = ["--width", "4", "--latent-dim", "8", "--epochs-gan", "1", "--epochs-bigan", "1", "--epochs-encoder", "1",
        "--max-iterations", "2", "--batch-size", "16", "--quiet"]


@pytest.mark.slow
def test_user_pngs_8px_16_bit_train_export_without_the_data_and_validate_refuses_the_collapse(tmp_path, capsys):
    """8×8 16-bit PNGs in normal/ and defect/ sub-folders; the source is deleted before export; a 2-step model collapses."""
    rng = np.random.default_rng(0)
    for name, n in (("normal", 70), ("defect", 5)):
        (tmp_path / "d" / name).mkdir(parents=True)
        for i in range(n):
            Image.fromarray(rng.integers(0, 65536, (8, 8), dtype=np.uint16)).save(tmp_path / "d" / name / f"{i}.png")
    run = tmp_path / "run"
    assert main(["--threads", "2", "train", "--run-dir", str(run), "--data", str(tmp_path / "d"), *TINY]) == 0
    err = capsys.readouterr().err
    assert "WARNING: the trained model carries no information about its input" in err
    training = json.loads((run / "training.json").read_text())
    assert training["health"]["collapsed"] and training["health"]["dcgan"]["sample_spread"] < health.MIN_SPREAD
    shutil.rmtree(tmp_path / "d")
    bundle = tmp_path / "bundle"
    assert main(["--threads", "2", "export", "--run-dir", str(run), "--out", str(bundle), "--anogan-steps", "2",
                 "--hybrid-steps", "1", "--calibration-patches", "4", "--quiet"]) == 0
    assert "'anogan-train validate" in capsys.readouterr().err
    manifest = validate_bundle(bundle)
    mapping = manifest["input"]["pixel_mapping"]
    assert manifest["input"]["height"] == 8 and manifest["input"]["model_height"] == 16
    assert mapping["pad"]["top"] == 4 and mapping["model_size"] == 16 and mapping["training_encoding"] == "uint16"
    assert main(["validate", str(bundle)]) == 2
    assert "training found the model collapsed" in capsys.readouterr().err
    assert main(["validate", str(bundle), "--allow-collapsed"]) == 0
    # the golden check alone (without the recorded verdict) refuses it too
    manifest["training"]["selected"].pop("health")
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(health.CollapseError, match="reconstructions of the golden patches are nearly one image"):
        health.check_bundle(bundle)


def test_a_single_held_out_patch_gives_no_verdict_on_reconstructions():
    class Atanh(nn.Module):
        def forward(self, x):
            return torch.atanh(x.flatten(1))

    verdict = health.check_generator(Unflatten(), Atanh(), patches()[:1])
    assert verdict["reconstruction_r2"] is None and not verdict["collapsed"]
