"""Collapse detection: do the selected generators make varied images, and do reconstructions carry information?

A GAN that collapsed makes (nearly) the same image for every z, or a flat grey one; its
reconstructions G(E(x)) of different patches are then all alike, so every score is a distance to
one image and the detector is no better than "how far from the mean patch". Two numbers catch it:

* **sample spread**: the pixel variance across a batch of samples G(z), z ~ N(0, I), divided by the
  pixel variance across the held-out normal patches (1 ≈ as varied as the data, 0 = one image);
* **reconstruction spread**: the same ratio for the reconstructions G(E(x)) of the held-out normals
  (how much they vary with x), reported beside their R² (1 − squared reconstruction error / the
  patches' own variance; ≤ 0 means no closer to each patch than the mean patch is).

A spread under :data:`MIN_SPREAD` (trained Fashion-MNIST models measure 0.4 to 0.96, collapsed
ones under 0.001) is a collapse: training prints a WARNING block and records the verdict in
``training.json``; ``validate`` refuses a bundle whose golden reconstructions show it. An R² of 0 or
less with a healthy spread is only a warning: a BiGAN's reconstructions resemble their patches in
kind rather than pixel by pixel (its trained Fashion-MNIST encoders measure R² −0.2 to 0.3 while
their features separate the classes), so they vary with x and carry information.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn

MIN_SPREAD = 0.02  # spread ratio under which outputs count as one image (collapsed)
SAMPLES = 256


class CollapseError(ValueError):
    """A model whose generator or reconstructions carry no information; the message says which and why."""


def spread(images) -> float:
    """Total pixel variance across a batch ``[N, ...]``: the mean over pixels of the variance over N."""
    a = images.detach().double().numpy() if isinstance(images, torch.Tensor) else np.asarray(images, np.float64)
    return float(a.reshape(len(a), -1).var(axis=0).mean()) if len(a) > 1 else 0.0


def spread_ratio(outputs, inputs) -> float:
    """``spread(outputs) / spread(inputs)``; inputs with no spread at all count as 1 (nothing to compare)."""
    reference = spread(inputs)
    return spread(outputs) / reference if reference > 0 else 1.0


def r_squared(inputs, reconstructions) -> float | None:
    """1 − mean squared reconstruction error / the inputs' total variance (both per pixel); None if the inputs
    do not vary (fewer than two patches, or all alike)."""
    x = inputs.detach().double().numpy() if isinstance(inputs, torch.Tensor) else np.asarray(inputs, np.float64)
    r = reconstructions.detach().double().numpy() if isinstance(reconstructions, torch.Tensor) \
        else np.asarray(reconstructions, np.float64)
    reference = spread(x)
    return float(1 - ((x - r) ** 2).mean() / reference) if reference > 0 else None


@torch.no_grad()
def check_generator(generator: nn.Module, encoder: nn.Module | None, validation: torch.Tensor,
                    seed: int = 0, samples: int = SAMPLES) -> dict:
    """Spread of G's samples and of its reconstructions G(E(x)) of held-out normals (module docstring).

    Args:
        generator: the selected generator (eval mode is set here).
        encoder: the encoder paired with it, or None (then only samples are checked).
        validation: held-out normal patches in the model's range ``[N, C, H, W]``.
    Returns:
        ``{"sample_spread", "reconstruction_spread", "reconstruction_r2", "collapsed", "problems"}``.
    """
    generator.eval()
    x = validation[:samples]
    z = torch.randn(max(len(x), 2), generator.latent_dim, generator=torch.Generator().manual_seed(seed))
    out = {"sample_spread": spread_ratio(generator(z), x)}
    problems = []
    if out["sample_spread"] < MIN_SPREAD:
        problems.append(f"samples G(z) are nearly one image (spread {out['sample_spread']:.4f} of the data's)")
    if encoder is not None:
        encoder.eval()
        recon = torch.cat([generator(encoder(x[i:i + 256])) for i in range(0, len(x), 256)])
        out["reconstruction_spread"] = spread_ratio(recon, x)
        out["reconstruction_r2"] = r_squared(x, recon)
        if out["reconstruction_spread"] < MIN_SPREAD:
            problems.append("reconstructions G(E(x)) of held-out normals are nearly one image "
                            f"(spread {out['reconstruction_spread']:.4f} of the patches')")
        elif out["reconstruction_r2"] is not None and out["reconstruction_r2"] <= 0:
            out["warnings"] = ["reconstructions G(E(x)) of held-out normals vary with x but are no closer to their "
                               f"patches than the mean patch is (R² {out['reconstruction_r2']:.3f})"]
    out["collapsed"] = bool(problems)
    out["problems"] = problems
    return out


def check_models(models: dict[str, nn.Module], validation: torch.Tensor, seed: int = 0) -> dict:
    """The verdict on a run's selected models: the DCGAN with its inverting encoder, and the BiGAN.

    Returns:
        ``{"dcgan": {...}, "bigan": {...}, "collapsed": bool, "min_spread": MIN_SPREAD}`` (per generator
        as :func:`check_generator`).
    """
    verdict = {"dcgan": check_generator(models["generator"], models.get("inverse_encoder"), validation, seed),
               "bigan": check_generator(models["bigan_generator"], models.get("bigan_encoder"), validation, seed)}
    verdict["collapsed"] = any(v["collapsed"] for v in verdict.values())
    verdict["min_spread"] = MIN_SPREAD
    return verdict


def warning_block(verdict: dict) -> str:
    """A loud multi-line WARNING for a collapsed verdict ('' when nothing collapsed)."""
    problems = [f"{name}: {p}" for name, v in verdict.items() if isinstance(v, dict) for p in v.get("problems", [])]
    if not problems:
        return ""
    bar = "!" * 78
    return "\n".join([bar, "WARNING: the trained model carries no information about its input (GAN collapse).",
                      *(f"  - {p}" for p in problems),
                      "  Its scores will not tell anomalies from normal patches. Train longer (--min-steps),",
                      "  with more normal patches, another --seed or a lower --lr; check that the patches differ.",
                      bar])


def report(verdict: dict) -> None:
    """Print the verdict: one line per generator, and the WARNING block if anything collapsed."""
    for name, v in verdict.items():
        if isinstance(v, dict):
            parts = [f"{k.replace('_', ' ')} {v[k]:.3f}" for k in ("sample_spread", "reconstruction_spread",
                                                                     "reconstruction_r2") if v.get(k) is not None]
            print(f"[health] {name}: {', '.join(parts)}", file=sys.stderr)
            for warning in v.get("warnings", []):
                print(f"[health] {name}: note: {warning}", file=sys.stderr)
    block = warning_block(verdict)
    if block:
        print(block, file=sys.stderr)


def check_bundle(bundle: Path) -> dict:
    """Refuse a bundle whose model carries no information, from its golden vectors and its manifest.

    Every golden case with an input ``x`` and a ``reconstruction`` output (the search graphs' G(z), EGBAD's
    G(E(x))) is checked: reconstructions of different patches that are nearly one image mean the model
    collapsed. A collapse verdict recorded at training time (``training.selected.health``) is refused too.

    Returns:
        ``{case name: reconstruction spread}``.
    Raises:
        CollapseError: naming the case (or the recorded verdict) and the spread.
    """
    manifest = json.loads((bundle / "manifest.json").read_text())
    recorded = ((manifest.get("training") or {}).get("selected") or {}).get("health")
    if recorded and recorded.get("collapsed"):
        problems = [p for v in recorded.values() if isinstance(v, dict) for p in v.get("problems", [])]
        raise CollapseError(f"{bundle / 'manifest.json'}: training found the model collapsed ({'; '.join(problems)})")
    golden_path = bundle / manifest.get("golden", "golden/golden.json")
    if not golden_path.is_file():
        return {}
    golden = json.loads(golden_path.read_text())

    def load(entry: dict) -> np.ndarray:
        return np.fromfile(bundle / entry["file"], dtype=np.dtype(entry["dtype"]).newbyteorder("<")).reshape(entry["shape"])

    spreads = {}
    for case in golden.get("cases", []):
        x_entry, r_entry = case.get("inputs", {}).get("x"), case.get("outputs", {}).get("reconstruction")
        if not x_entry or not r_entry or x_entry["shape"] != r_entry["shape"] or x_entry["shape"][0] < 2:
            continue
        spreads[case["name"]] = spread_ratio(load(r_entry), load(x_entry))
        if spreads[case["name"]] < MIN_SPREAD:
            raise CollapseError(f"{bundle / r_entry['file']}: the {case['name']} reconstructions of the golden patches "
                                f"are nearly one image (spread {spreads[case['name']]:.4f} of the patches', "
                                f"under {MIN_SPREAD}): the model carries no information about its input")
    return spreads
