"""Choices made without test labels: the default method and the hybrid's steps, from corrupted held-out normals.

Nothing labelled as anomalous may steer a choice, so the choices are made on a proxy task built
from the validation normals alone: each is paired with a copy carrying one synthetic defect
(:mod:`anogan_train.corruptions`), and a method (at a step count) is rated by the AUROC with which
it tells the copies from the originals.
"""
from __future__ import annotations

import numpy as np
import torch

from .corruptions import CORRUPTIONS, corrupt
from .metrics import auroc
from .methods import Method


def rate_methods(methods: dict[str, Method], validation: torch.Tensor, seed: int, quiet: bool = False) -> dict:
    """AUROC of every method (at every step count it records) on validation normals against their corrupted copies.

    Returns:
        ``{"patches": n, "corruptions": [...], "auroc": {method: {steps: AUROC}}}``; slow methods are skipped.
    """
    corrupted, _ = corrupt(validation, seed)
    both = torch.cat([validation, corrupted])
    anomalous = np.r_[np.zeros(len(validation), bool), np.ones(len(corrupted), bool)]
    ratings = {}
    for name, method in methods.items():
        if method.slow:
            continue
        ratings[name] = {steps: auroc(scores, anomalous) for steps, scores in method.score(both, quiet).items()}
    return {"patches": int(len(validation)), "corruptions": list(CORRUPTIONS), "auroc": ratings}


def choose(ratings: dict, candidates: list[str]) -> dict:
    """The default method and its steps: the best rated candidate (ties to the earlier candidate, the cheaper steps)."""
    best = None
    for name in candidates:
        for steps, value in sorted(ratings["auroc"].get(name, {}).items()):
            if best is None or value > best[2]:
                best = (name, steps, value)
    if best is None:
        raise ValueError(f"none of {candidates} was rated")
    return {"method": best[0], "steps": best[1], "proxy_auroc": best[2],
            "how": "highest AUROC on validation normals against copies with synthetic defects "
                   f"({', '.join(ratings['corruptions'])}); no test or anomalous patch involved"}
