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

from . import data, health
from .feature_knn import FeatureKNNConfig
from .run import FASHION_MNIST, Run, TrainConfig

IMAGE_PATCH_SIZE = 32


class OptionError(ValueError):
    """A malformed option or ``ANOGAN_TRAIN_*`` value; the message names it."""


def _env_name(name: str) -> str:
    return f"ANOGAN_TRAIN_{name.upper().replace('-', '_')}"


def _env(name: str, default, type_=None):
    """The default of ``--name``: the environment variable's value converted like the option, else ``default``.

    Raises:
        OptionError: naming the variable, when its value does not convert.
    """
    value = os.environ.get(_env_name(name))
    if value is None:
        return default
    type_ = type_ or (type(default) if default is not None else str)
    try:
        return type_(value)
    except ValueError:
        raise OptionError(f"{_env_name(name)}={value!r} is not a valid {type_.__name__} (it sets --{name})") from None


def _add(parser: argparse.ArgumentParser, name: str, default, help_: str, type_=None):
    type_ = type_ or (type(default) if default is not None else str)
    parser.add_argument(f"--{name}", default=_env(name, default, type_), type=type_,
                        help=f"{help_} (default {default}; env {_env_name(name)})")


_HELP = {
    "min_steps": "each stage trains at least this many optimiser steps: more epochs on small data sets "
                 "(not in --max-iterations smoke runs)",
    "test_fraction": "share of the normals held out as test patches when --data holds anomalous-labelled "
                     "patches and no --test-data is given",
    "validation_fraction": "share of the normals held out for model selection and calibration",
}


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line naming the option (argparse prints the usage too)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _add_method_options(parser: argparse.ArgumentParser) -> None:
    """The settings that build and calibrate a run's methods, the same for ``evaluate`` and ``export``."""
    _add(parser, "hybrid-steps", -1, "k: default search steps of the hybrid from E(x); -1 chooses it on corrupted "
         "validation normals among the calibrated counts (0, 1, 2, 5, 10)")
    _add(parser, "anogan-steps", 500, "Gamma: default search steps of AnoGAN from a random z0 (calibrated with fewer)")
    _add(parser, "false-positive-rate", 0.01, "rate on calibration normals that sets each threshold (patches, and "
         "images for a run on whole images)")
    _add(parser, "calibration-patches", 256, "calibration normals for AnoGAN's long search (the others use them all)")
    _add(parser, "knn-taps", "", "feature kNN: layers used, comma-separated (d<i>: the DCGAN discriminator's i-th "
         "LeakyReLU, e<i>: the EGBAD encoder's, x<i>: the EGBAD discriminator's image path's, i<i>: the izi_f "
         "encoder's; a trailing c, e.g. x1c, compares unit-length features); empty: the candidate set that best "
         "tells validation normals from corrupted copies")
    _add(parser, "knn-pool", "", "feature kNN: average-pooling factor per tap, one per --knn-taps entry")
    _add(parser, "knn-k", FeatureKNNConfig.k, "feature kNN: neighbours averaged")
    _add(parser, "knn-bank-size", FeatureKNNConfig.bank_size, "feature kNN: training normals kept in the bank (0: all)")


def _feature_knn(args) -> FeatureKNNConfig:
    try:
        pool = tuple(int(v) for v in args.knn_pool.split(",")) if args.knn_pool else ()
    except ValueError as e:
        raise ValueError(f"--knn-pool takes comma-separated integers: {e}") from e
    taps = tuple(args.knn_taps.split(",")) if args.knn_taps else ()
    return FeatureKNNConfig(taps, pool, args.knn_k, args.knn_bank_size)


def _methods(args, run: Run) -> tuple[dict, dict, dict, dict]:
    """Build the run's methods, make the unlabelled choices (default method, the hybrid's k), calibrate (patches,
    and images for a run on whole images)."""
    from .methods import FEATURE_KNN, build_methods, calibrate_methods
    from .selection import choose, rate_methods

    include_anogan = getattr(args, "anogan_sample", 1) > 0
    methods = build_methods(run, max(args.hybrid_steps, 0), args.anogan_steps, _feature_knn(args), include_anogan)
    ratings, proxy = rate_methods(methods, run.tensor(run.split.validation), run.config.seed, args.quiet)
    hybrid = (choose(ratings, ["hybrid"], proxy) if args.hybrid_steps < 0
              else {"steps": args.hybrid_steps, "how": "--hybrid-steps"})
    methods["hybrid"].steps = hybrid["steps"]
    default = choose(ratings, list(methods), proxy)
    chosen = getattr(args, "default_method", "") or default["method"]
    selection = {"ratings": ratings, "hybrid_steps": hybrid, "feature_knn_taps": methods[FEATURE_KNN].scorer.module.choice,
                 "default_method": default if chosen == default["method"] else {"method": chosen, "how": "--default-method"}}
    calibrations, image_calibrations = calibrate_methods(run, methods, args.false_positive_rate,
                                                         args.calibration_patches, args.quiet)
    return methods, calibrations, image_calibrations, selection


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="anogan-train", description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=_env("threads", os.cpu_count() or 1), help="torch CPU threads")
    sub = p.add_subparsers(dest="command", required=True)
    defaults = TrainConfig()

    t = sub.add_parser("train", help="train the GANs of the three methods on normal patches")
    t.add_argument("--run-dir", type=Path, required=True, help="folder for checkpoints and logs; resumed if it exists")
    _add(t, "data", FASHION_MNIST, "'fashion-mnist', or your patches: a folder of PNGs (with class sub-folders "
         "normal/ and others = anomalous, or flat = all normal), a .npy, or an .npz with x (or images) and optional labels")
    _add(t, "normal-class", None, "Fashion-MNIST class used as normal (0..9; default 0); with an .npz of your own, "
         "the same as --normal-label", int)
    _add(t, "normal-label", None, "the normal label(s) of labelled --data/--test-data, comma-separated: npz label "
         "values, or the normal sub-folder's name (default normal)")
    _add(t, "test-data", None, "your labelled test set (same forms as --data) for evaluate")
    _add(t, "images", None, "instead of --data: a folder of whole normal PNG images (8/16-bit, gray or RGB), tiled "
         "and split by whole image (at least 4) into train / validation / calibration")
    _add(t, "patch-size", None, f"with --images: tile side in pixels (default {IMAGE_PATCH_SIZE})", int)
    _add(t, "stride", None, "with --images: pixels between tiles (default half the patch size); the last tile of a "
         "row or column is flush with the edge", int)
    for f in fields(TrainConfig):
        if f.name in ("source", "normal_class", "normal_labels", "test_data", "search", "max_iterations", "tiling"):
            continue
        _add(t, f.name.replace("_", "-"), getattr(defaults, f.name), _HELP.get(f.name, f.name.replace("_", " ")))
    _add(t, "max-iterations", None, "stop every epoch after this many steps (smoke runs)", int)
    _add(t, "search-lr", defaults.search["lr"], "Adam step size of the latent search")
    _add(t, "feature-weight", defaults.search["feature_weight"], "lambda: weight of the feature term of the search loss")
    t.add_argument("--quiet", action="store_true", help="no progress bars")

    e = sub.add_parser("evaluate", help="every method beside the kNN-5 and PCA baselines on a labelled test set; "
                                        "prints tables, writes JSON")
    e.add_argument("--run-dir", type=Path, required=True)
    _add_method_options(e)
    _add(e, "anogan-sample", 0, "stratified test patches scored by AnoGAN's long search (0 skips AnoGAN)")
    _add(e, "test-data", "", "labelled test patches (a folder with normal/ and anomaly sub-folders, or an npz with "
                            "labels); default: the run's own test set")
    _add(e, "test-images", "", "for a run on whole images: a folder with normal/ and anomalous/ images and optional "
                              "masks/ (same names, non-zero = anomalous pixel); image- and pixel-level AUROC")
    _add(e, "bootstrap", 1000, "paired bootstrap resamples of each AUROC difference with the baselines")
    e.add_argument("--json", type=Path, help="where to write the result (default RUN_DIR/evaluation.json)")
    e.add_argument("--quiet", action="store_true")

    x = sub.add_parser("export", help="write the model bundle (ONNX graphs, manifest, calibrations, golden vectors)")
    x.add_argument("--run-dir", type=Path, required=True)
    x.add_argument("--out", type=Path, required=True, help="bundle folder")
    _add(x, "name", "", "model name (default: from the training data)")
    _add(x, "version", "1.0.0", "model version")
    _add_method_options(x)
    _add(x, "default-method", "", "method the service uses unless configured otherwise (default: the best rated on "
         "corrupted validation normals)")
    x.add_argument("--evaluation", type=Path, help="evaluation JSON to record (default RUN_DIR/evaluation.json if present)")
    x.add_argument("--quiet", action="store_true")

    v = sub.add_parser("validate", help="check a bundle's manifest, hashes and graph signatures, and refuse a "
                       "collapsed model (reconstructions that carry no information)")
    v.add_argument("bundle", type=Path)
    v.add_argument("--allow-collapsed", action="store_true",
                   help="only warn about a collapsed model (smoke tests, inspecting a failed run)")

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


def _tiling(args) -> dict | None:
    """The tiling of a run on whole images (``--images``), or None for a run on patches.

    Raises:
        OptionError: --data beside --images, or --patch-size/--stride without --images.
    """
    if not args.images:
        if args.patch_size is not None or args.stride is not None:
            raise OptionError("--patch-size and --stride tile whole images: give --images FOLDER")
        return None
    if args.data != FASHION_MNIST:
        raise OptionError("give --data (patches) or --images (whole images), not both")
    patch_size = IMAGE_PATCH_SIZE if args.patch_size is None else args.patch_size
    return {"patch_size": patch_size, "stride": max(1, patch_size // 2) if args.stride is None else args.stride}


def _train_config(args) -> TrainConfig:
    """The run's configuration from the ``train`` options; the normal class/labels by the data's kind."""
    labels = [v.strip() for v in args.normal_label.split(",") if v.strip()] if args.normal_label else None
    tiling = _tiling(args)
    if tiling:
        args.data = args.images
    if args.data == FASHION_MNIST:
        normal_class = 0 if args.normal_class is None else args.normal_class
    else:
        if args.normal_class is not None and labels:
            raise OptionError("give --normal-class or --normal-label, not both")
        normal_class = None
        if args.normal_class is not None:
            labels = [str(args.normal_class)]
    return TrainConfig(
        source=args.data, normal_class=normal_class, normal_labels=labels, test_data=args.test_data, tiling=tiling,
        **{f.name: getattr(args, f.name) for f in fields(TrainConfig)
           if f.name not in ("source", "normal_class", "normal_labels", "test_data", "search", "tiling")},
        search={**TrainConfig().search, "lr": args.search_lr, "feature_weight": args.feature_weight})


def _train(args) -> None:
    summary = Run.create(args.run_dir, _train_config(args)).train(quiet=args.quiet)
    print(json.dumps(summary, indent=2))


def _evaluate(args) -> None:
    from .evaluate import evaluate_run, format_details, format_steps, format_table, label, save, warnings

    run = Run.open(args.run_dir)
    if args.test_images:
        _evaluate_images(args, run)
        return
    test_data = Path(args.test_data) if args.test_data else None
    test = run.test_set(test_data)
    methods, calibrations, _, selection = _methods(args, run)
    result = evaluate_run(run, methods, calibrations, test, str(test_data or run.config.describe_test()),
                          args.anogan_sample, args.bootstrap, quiet=args.quiet)
    result["selection"] = selection
    save(result, args.json or args.run_dir / "evaluation.json")
    results = {label(result, str(args.run_dir)): result}
    print(format_table(results), format_details(results), format_steps(results), *warnings(result), sep="\n\n")


def _evaluate_images(args, run: Run) -> None:
    from .evaluate import format_table, save, warnings
    from .image_evaluation import evaluate_images, format_images
    from .images import read_test_folder

    if run.images is None:
        raise OptionError(f"--test-images is for runs on whole images ('train --images'); {args.run_dir} trained on "
                          "patches: give --test-data")
    if args.test_data:
        raise OptionError("give --test-data (patches) or --test-images (whole images), not both")
    test = read_test_folder(Path(args.test_images), run.images.tiling)
    methods, _, image_calibrations, selection = _methods(args, run)
    result = evaluate_images(run, methods, image_calibrations, test, args.test_images, args.bootstrap, args.quiet)
    result["selection"] = selection
    save(result, args.json or args.run_dir / "evaluation.json")
    results = {str(args.run_dir): result}
    print(format_table(results), format_images(results), *warnings(result), sep="\n\n")


def _export(args) -> None:
    from .bundle import export_bundle

    run = Run.open(args.run_dir)
    evaluation_file = args.evaluation or args.run_dir / "evaluation.json"
    evaluation = json.loads(evaluation_file.read_text()) if evaluation_file.exists() else None
    name = args.name or (f"fashion-mnist-class-{run.config.normal_class}" if run.config.source == FASHION_MNIST
                         else Path(run.config.source).stem)
    methods, calibrations, image_calibrations, selection = _methods(args, run)
    manifest = export_bundle(run, args.out, name=name, version=args.version, methods=methods, calibrations=calibrations,
                             image_calibrations=image_calibrations, selection=selection, evaluation=evaluation,
                             quiet=args.quiet)
    for method, info in manifest["methods"].items():
        cal = info["calibration"]
        low, high = cal["false_positive_rate_interval"]["low"], cal["false_positive_rate_interval"]["high"]
        print(f"{method}: threshold {cal['threshold']:.4g} at FPR {cal['false_positive_rate']} on {cal['patches']} "
              f"calibration normals ({cal['beyond_threshold']} beyond it; FPR on new normals {low:.2%}..{high:.2%})")
        if "image_calibration" in info:
            image = info["image_calibration"]
            low, high = image["fpr_interval"]
            print(f"{method}: image threshold {image['threshold']:.4g} ({image['aggregation']}) at image FPR "
                  f"{image['false_positive_rate']} on {image['images']} calibration images ({image['beyond_threshold']} "
                  f"beyond it; FPR on new images {low:.2%}..{high:.2%})")
    print(f"bundle written to {args.out}")
    try:
        health.check_bundle(args.out)
    except health.CollapseError as e:
        print(health.warning_block({"bundle": {"problems": [str(e)]}}), file=sys.stderr)
        print(f"'anogan-train validate {args.out}' will refuse this bundle", file=sys.stderr)


def _validate(args) -> None:
    from .bundle import validate_bundle

    manifest = validate_bundle(args.bundle)
    try:
        health.check_bundle(args.bundle)
    except health.CollapseError as e:
        if not args.allow_collapsed:
            raise
        print(f"warning (--allow-collapsed): {e}", file=sys.stderr)
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
    from .evaluate import format_details, format_steps, format_table, label
    from .image_evaluation import format_images

    loaded = {str(path): json.loads(path.read_text()) for path in args.evaluations}
    results = {label(r, path): r for path, r in sorted(loaded.items(), key=lambda kv: (kv[1].get("seed", 0), kv[0]))}
    images = {k: r for k, r in results.items() if r.get("kind") == "images"}
    patches = {k: r for k, r in results.items() if k not in images}
    tables = [format_details(patches), format_steps(patches)] if patches else []
    print(format_table(results), *tables, *([format_images(images)] if images else []), sep="\n\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def main(argv: list[str] | None = None) -> int:
    """Run one command. Errors in options, environment variables and data are one line on stderr and exit 2;
    Ctrl-C is one line and exit 130 (checkpoints are written atomically, so a rerun resumes)."""
    command = "anogan-train"
    try:
        args = _parser().parse_args(argv)
        command = f"anogan-train {args.command}"
        if args.threads < 1:
            raise OptionError(f"--threads must be 1 or more, got {args.threads}")
        torch.set_num_threads(args.threads)
        commands = {"train": _train, "evaluate": _evaluate, "export": _export, "validate": _validate,
                    "report": _report, "bench-reference": _bench_reference}
        commands[args.command](args)
    except KeyboardInterrupt:
        where = f"; checkpoints in {args.run_dir} are intact: run the same command to resume" \
            if command == "anogan-train train" else ""
        print(f"\n{command}: interrupted{where}", file=sys.stderr)
        return 130
    except (data.DataError, FileNotFoundError, ValueError) as e:
        print(f"{command}: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
