"""Command line: ``train``, ``evaluate``, ``export``, ``validate``, ``report``.

Every option also reads an environment variable ``ANOGAN_TRAIN_<OPTION>`` (for example
``ANOGAN_TRAIN_EPOCHS_GAN=30``); the command line wins.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import fields
from pathlib import Path

import torch

from . import data
from .feature_knn import FeatureKNNConfig
from .methods import FEATURE_KNN
from .run import FASHION_MNIST, Run, TrainConfig


def _env(name: str, default):
    value = os.environ.get(f"ANOGAN_TRAIN_{name.upper().replace('-', '_')}")
    if value is None:
        return default
    return type(default)(value) if default is not None else value


def _add(parser: argparse.ArgumentParser, name: str, default, help_: str, type_=None):
    parser.add_argument(f"--{name}", default=_env(name, default), type=type_ or (type(default) if default is not None else str),
                        help=f"{help_} (default {default}; env ANOGAN_TRAIN_{name.upper().replace('-', '_')})")


def _add_method_options(parser: argparse.ArgumentParser) -> None:
    """The settings that build and calibrate a run's methods, the same for ``evaluate`` and ``export``."""
    knn = FeatureKNNConfig()
    _add(parser, "hybrid-steps", 0, "k: default search steps of the hybrid from E(x) (calibrated with fewer)")
    _add(parser, "anogan-steps", 500, "Gamma: default search steps of AnoGAN from a random z0 (calibrated with fewer)")
    _add(parser, "false-positive-rate", 0.01, "rate on calibration normals that sets each threshold")
    _add(parser, "calibration-patches", 256, "calibration normals for AnoGAN's long search (the others use them all)")
    _add(parser, "knn-taps", ",".join(map(str, knn.taps)), "feature kNN: D's LeakyReLU layers used, comma-separated")
    _add(parser, "knn-pool", ",".join(map(str, knn.pool)), "feature kNN: average-pooling factor per tap")
    _add(parser, "knn-k", knn.k, "feature kNN: neighbours averaged")
    _add(parser, "knn-bank-size", knn.bank_size, "feature kNN: training normals kept in the bank (0: all)")


def _feature_knn(args) -> FeatureKNNConfig:
    try:
        taps, pool = (tuple(int(v) for v in text.split(",")) for text in (args.knn_taps, args.knn_pool))
    except ValueError as e:
        raise ValueError(f"--knn-taps and --knn-pool take comma-separated integers: {e}") from e
    return FeatureKNNConfig(taps, pool, args.knn_k, args.knn_bank_size)


def _methods(args, run: Run) -> tuple[dict, dict]:
    from .methods import build_methods, calibrate_methods

    include_anogan = getattr(args, "anogan_sample", 1) > 0
    methods = build_methods(run, args.hybrid_steps, args.anogan_steps, _feature_knn(args), include_anogan)
    return methods, calibrate_methods(run, methods, args.false_positive_rate, args.calibration_patches, args.quiet)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="anogan-train", description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=_env("threads", os.cpu_count() or 1), help="torch CPU threads")
    sub = p.add_subparsers(dest="command", required=True)
    defaults = TrainConfig()

    t = sub.add_parser("train", help="train the GANs of the three methods on normal patches")
    t.add_argument("--run-dir", type=Path, required=True, help="folder for checkpoints and logs; resumed if it exists")
    _add(t, "data", FASHION_MNIST, "'fashion-mnist' or a folder of PNG files / a .npy or .npz array of normal patches")
    _add(t, "normal-class", 0, "Fashion-MNIST class used as normal (0..9)", int)
    for f in fields(TrainConfig):
        if f.name in ("source", "normal_class", "search", "max_iterations"):
            continue
        _add(t, f.name.replace("_", "-"), getattr(defaults, f.name), f.name.replace("_", " "))
    _add(t, "max-iterations", None, "stop every epoch after this many steps (smoke runs)", int)
    _add(t, "search-lr", defaults.search["lr"], "Adam step size of the latent search")
    _add(t, "feature-weight", defaults.search["feature_weight"], "lambda: weight of the feature term of the search loss")
    t.add_argument("--quiet", action="store_true", help="no progress bars")

    e = sub.add_parser("evaluate", help="every method beside the kNN-5 and PCA baselines on a labelled test set; "
                                        "prints tables, writes JSON")
    e.add_argument("--run-dir", type=Path, required=True)
    _add_method_options(e)
    _add(e, "anogan-sample", 0, "stratified test patches scored by AnoGAN's long search (0 skips AnoGAN)")
    _add(e, "bootstrap", 1000, "paired bootstrap resamples of each AUROC difference with the baselines")
    e.add_argument("--json", type=Path, help="where to write the result (default RUN_DIR/evaluation.json)")
    e.add_argument("--quiet", action="store_true")

    x = sub.add_parser("export", help="write the model bundle (ONNX graphs, manifest, calibrations, golden vectors)")
    x.add_argument("--run-dir", type=Path, required=True)
    x.add_argument("--out", type=Path, required=True, help="bundle folder")
    _add(x, "name", "", "model name (default: from the training data)")
    _add(x, "version", "1.0.0", "model version")
    _add_method_options(x)
    _add(x, "default-method", FEATURE_KNN, "method the service uses unless configured otherwise")
    x.add_argument("--evaluation", type=Path, help="evaluation JSON to record (default RUN_DIR/evaluation.json if present)")
    x.add_argument("--quiet", action="store_true")

    v = sub.add_parser("validate", help="check a bundle's manifest, hashes and graph signatures")
    v.add_argument("bundle", type=Path)

    b = sub.add_parser("bench-reference", help="time the PyTorch reference of the scoring benchmark (JSON out)")
    b.add_argument("--run-dir", type=Path, required=True, help="the run that made the benchmarked bundle")
    b.add_argument("--method", action="append", required=True, help="METHOD=STEPS, repeatable (egbad=0)")
    b.add_argument("--batch-sizes", default="1,8,32,128")
    b.add_argument("--thread-counts", default="1,2", help="torch thread counts to try; the fastest counts")
    b.add_argument("--min-seconds", type=float, default=2.0)
    b.add_argument("--min-repeats", type=int, default=3)
    b.add_argument("--probe", type=Path, help="also write the ONNX matrix-product probe graph here")
    b.add_argument("--json", type=Path, required=True)

    r = sub.add_parser("report", help="tables over several evaluation JSON files")
    r.add_argument("evaluations", type=Path, nargs="+")
    r.add_argument("--json", type=Path, help="write the combined results here")
    return p


def _train(args) -> None:
    config = TrainConfig(
        source=args.data, normal_class=args.normal_class if args.data == FASHION_MNIST else None,
        **{f.name: getattr(args, f.name) for f in fields(TrainConfig)
           if f.name not in ("source", "normal_class", "search")},
        search={**TrainConfig().search, "lr": args.search_lr, "feature_weight": args.feature_weight})
    summary = Run.create(args.run_dir, config).train(quiet=args.quiet)
    print(json.dumps(summary, indent=2))


def _evaluate(args) -> None:
    from .evaluate import fashion_mnist_test_set, evaluate_run, format_details, format_steps, format_table, save, warnings

    run = Run.open(args.run_dir)
    methods, calibrations = _methods(args, run)
    result = evaluate_run(run, methods, calibrations, fashion_mnist_test_set(run), args.anogan_sample,
                          args.bootstrap, quiet=args.quiet)
    save(result, args.json or args.run_dir / "evaluation.json")
    results = {str(args.run_dir): result}
    print(format_table(results), format_details(results), format_steps(results), *warnings(result), sep="\n\n")


def _export(args) -> None:
    from .bundle import export_bundle

    run = Run.open(args.run_dir)
    evaluation_file = args.evaluation or args.run_dir / "evaluation.json"
    evaluation = json.loads(evaluation_file.read_text()) if evaluation_file.exists() else None
    name = args.name or (f"fashion-mnist-class-{run.config.normal_class}" if run.config.source == FASHION_MNIST
                         else Path(run.config.source).stem)
    manifest = export_bundle(run, args.out, name=name, version=args.version, hybrid_steps=args.hybrid_steps,
                             anogan_steps=args.anogan_steps, false_positive_rate=args.false_positive_rate,
                             calibration_patches=args.calibration_patches, evaluation=evaluation,
                             feature_knn=_feature_knn(args), default_method=args.default_method, quiet=args.quiet)
    for method, info in manifest["methods"].items():
        cal = info["calibration"]
        low, high = cal["false_positive_rate_interval"]["low"], cal["false_positive_rate_interval"]["high"]
        print(f"{method}: threshold {cal['threshold']:.4g} at FPR {cal['false_positive_rate']} on {cal['patches']} "
              f"calibration normals ({cal['beyond_threshold']} beyond it; FPR on new normals {low:.2%}..{high:.2%})")
    print(f"bundle written to {args.out}")


def _validate(args) -> None:
    from .bundle import validate_bundle

    manifest = validate_bundle(args.bundle)
    print(f"{args.bundle}: valid bundle {manifest['model']['name']} {manifest['model']['version']} "
          f"({len(manifest['files'])} files, methods {', '.join(manifest['methods'])})")


def _bench_reference(args) -> None:
    from .benchmark import reference, write

    methods = {}
    for item in args.method:
        name, _, steps = item.partition("=")
        methods[name] = int(steps or 0)
    result = reference(args.run_dir, methods, [int(b) for b in args.batch_sizes.split(",")],
                       [int(t) for t in args.thread_counts.split(",")], args.min_seconds, args.min_repeats, args.probe)
    write(result, args.json)


def _report(args) -> None:
    from .evaluate import format_details, format_steps, format_table

    results = {str(path): json.loads(path.read_text()) for path in args.evaluations}
    print(format_table(results), format_details(results), format_steps(results), sep="\n\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    torch.set_num_threads(args.threads)
    commands = {"train": _train, "evaluate": _evaluate, "export": _export, "validate": _validate, "report": _report,
                "bench-reference": _bench_reference}
    try:
        commands[args.command](args)
    except (data.DataError, FileNotFoundError, ValueError) as e:
        print(f"anogan-train {args.command}: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
