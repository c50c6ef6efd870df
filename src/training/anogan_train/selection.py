"""Choices made without test labels: the default method and the hybrid's steps, from corrupted held-out normals.

Nothing labelled as anomalous may steer a choice, so the choices are made on a proxy task built
from the validation normals alone: each is paired with a copy carrying one synthetic defect
(:mod:`anogan_train.corruptions`), and a method (at a step count) is rated by the AUROC with which
it tells the copies from the originals. The proxy is small (the validation normals) and on some data
nearly blind, so a costlier or less proven choice must earn its place: the preferred candidate (the first
named, at its fewest steps) stays unless the best rated beats it by a paired bootstrap over the proxy's
patches whose interval lies above zero.
"""
from __future__ import annotations

import numpy as np
import torch

from .corruptions import CORRUPTIONS, corrupt
from .metrics import auroc
from .methods import Method
from .stats import paired_bootstrap


def rate_methods(methods: dict[str, Method], validation: torch.Tensor, seed: int,
                 quiet: bool = False) -> tuple[dict, dict]:
    """AUROC of every method (at every step count it records) on validation normals against their corrupted copies.

    Returns:
        The ratings, ``{"patches": n, "corruptions": [...], "auroc": {method: {steps: AUROC}}}`` (slow methods
        skipped), and the proxy's scores behind them, ``{"anomalous": [...], "scores": {method: {steps: scores}}}``.
    """
    corrupted, _ = corrupt(validation, seed)
    both = torch.cat([validation, corrupted])
    anomalous = np.r_[np.zeros(len(validation), bool), np.ones(len(corrupted), bool)]
    ratings, scores = {}, {}
    for name, method in methods.items():
        if method.slow:
            continue
        scores[name] = method.score(both, quiet)
        ratings[name] = {steps: auroc(values, anomalous) for steps, values in scores[name].items()}
    return ({"patches": int(len(validation)), "corruptions": list(CORRUPTIONS), "auroc": ratings},
            {"anomalous": anomalous, "scores": scores})


def choose(ratings: dict, candidates: list[str], proxy: dict) -> dict:
    """A method and its steps: the preferred candidate (the first rated, at its fewest steps) unless the best rated
    (ties to the earlier candidate, the fewer steps) is better than it by a paired bootstrap over the proxy's
    patches (``proxy`` from :func:`rate_methods`)."""
    rated = [(name, steps, value) for name in candidates
             for steps, value in sorted(ratings["auroc"].get(name, {}).items())]
    if not rated:
        raise ValueError(f"none of {candidates} was rated")
    preferred, best = rated[0], max(rated, key=lambda r: r[2])
    how = (f"validation normals against copies with synthetic defects ({', '.join(ratings['corruptions'])}); no "
           "test or anomalous patch involved")
    if best is preferred:
        return {"method": best[0], "steps": best[1], "proxy_auroc": best[2], "how": f"highest AUROC on {how}"}
    scores = proxy["scores"]
    against = paired_bootstrap(scores[best[0]][best[1]], scores[preferred[0]][preferred[1]], proxy["anomalous"])
    chosen = best if against["verdict"] == "better" else preferred
    return {"method": chosen[0], "steps": chosen[1], "proxy_auroc": chosen[2], "best_rated_against_preferred": against,
            "how": (f"highest AUROC on {how}, better than the preferred {preferred[0]} at {preferred[1]} steps by a "
                    "paired bootstrap" if chosen is best else
                    f"the preferred {preferred[0]} at {preferred[1]} steps: the best rated, {best[0]} at {best[1]} "
                    f"steps, is not better than it by a paired bootstrap on {how}")}
