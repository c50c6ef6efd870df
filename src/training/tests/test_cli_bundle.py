"""The CLI end to end on a tiny model: train, export, validate; the bundle's manifest, hashes and golden vectors."""
import json
import shutil

import numpy as np
import onnx
import pytest

from anogan_train.bundle import BundleError, validate_bundle
from anogan_train.cli import main
from anogan_train.evaluate import warnings

TINY = ["--width", "4", "--latent-dim", "8", "--epochs-gan", "1", "--epochs-bigan", "1", "--epochs-encoder", "1",
        "--max-iterations", "2", "--batch-size", "16", "--quiet"]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = tmp_path_factory.mktemp("smoke")
    assert main(["--threads", "2", "train", "--run-dir", str(root / "run"), "--normal-class", "7", *TINY]) == 0
    out = root / "bundle"
    assert main(["--threads", "2", "export", "--run-dir", str(root / "run"), "--out", str(out), "--anogan-steps", "3",
                 "--hybrid-steps", "2", "--calibration-patches", "16", "--quiet"]) == 0
    return out


@pytest.mark.slow
def test_exported_bundle_is_complete_and_valid(bundle, capsys):
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert main(["validate", str(bundle), "--allow-collapsed"]) == 0  # a 2-step smoke model has collapsed
    assert "valid bundle fashion-mnist-class-7" in capsys.readouterr().out
    assert manifest["input"]["pixel_mapping"]["pad"] == {"top": 2, "bottom": 2, "left": 2, "right": 2, "value": -1.0}
    assert set(manifest["methods"]) == {"feature-knn", "anogan", "egbad", "egbad-ce", "hybrid"}
    assert manifest["default_method"] == manifest["selection"]["default_method"]["method"]
    assert set(manifest["methods"]["hybrid"]["calibrations"]) == {"0", "1", "2", "5", "10"}
    assert set(manifest["methods"]["anogan"]["calibrations"]) == {"0", "1", "2", "3"}
    assert manifest["training"]["calibration_patches"] > 0
    assert manifest["methods"]["egbad-ce"]["score_output"] == "score_ce"
    for method in manifest["methods"].values():
        cal = method["calibration"]
        assert cal["false_positive_rate"] == 0.01 and len(cal["percentiles"]) == 101
        assert cal["percentiles"][0] <= cal["threshold"] <= cal["percentiles"][-1]
        interval = cal["false_positive_rate_interval"]
        assert interval["low"] < interval["expected"] < interval["high"]
    assert manifest["methods"]["anogan"]["hyperparameters"]["steps"] == 3
    assert manifest["methods"]["hybrid"]["hyperparameters"]["residual_weight"] == pytest.approx(0.9)
    assert manifest["training"]["normal_classes"] == [7]
    search = manifest["graphs"]["anogan_search.onnx"]
    assert [i["name"] for i in search["inputs"]] == ["x", "z0", "steps"]
    assert search["inputs"][0]["shape"] == ["N", 1, 32, 32]


@pytest.mark.slow
def test_search_graph_is_one_loop_over_an_adam_step(bundle):
    model = onnx.load(str(bundle / "anogan_search.onnx"))
    loops = [n for n in model.graph.node if n.op_type == "Loop"]
    assert len(loops) == 1
    body_ops = {n.op_type for n in loops[0].attribute[0].g.node}
    assert {"Conv", "ConvTranspose", "Sign", "Sqrt"} <= body_ops


@pytest.mark.slow
def test_golden_vectors_are_consistent(bundle):
    golden = json.loads((bundle / "golden" / "golden.json").read_text())
    manifest = json.loads((bundle / "manifest.json").read_text())
    raw = np.fromfile(bundle / golden["raw"]["file"], dtype=golden["raw"]["dtype"]).reshape(golden["raw"]["shape"])
    case = next(c for c in golden["cases"] if c["name"] == "anogan_1")
    x = np.fromfile(bundle / case["inputs"]["x"]["file"], dtype="<f4").reshape(case["inputs"]["x"]["shape"])
    mapping = manifest["input"]["pixel_mapping"]
    expected = raw / 255.0 * mapping["scale"] + mapping["offset"]
    assert np.allclose(x[:, :, 2:30, 2:30], expected, atol=1e-6) and (x[:, :, :2, :] == -1).all()
    names = {c["name"] for c in golden["cases"]}
    assert {"anogan_1", "anogan_5", "anogan_20", "hybrid_encoder", "hybrid_2", "egbad", "feature_knn"} <= names
    assert all(rel in manifest["files"] for rel in [golden["raw"]["file"], "golden/golden.json"])


@pytest.mark.slow
@pytest.mark.parametrize("fault,message", [
    ("changed byte", "sha256 .* does not match"),
    ("missing graph", "egbad.onnx: listed in the manifest but missing"),
    ("not json", "manifest.json: not valid JSON"),
    ("unknown version", "format_version 99 unknown"),
    ("wrong shape", "hybrid_encoder.onnx: inputs/outputs .* differ"),
])
def test_bad_bundles_are_refused_naming_file_and_problem(bundle, tmp_path, fault, message):
    bad = tmp_path / "bad"
    shutil.copytree(bundle, bad)
    manifest_path = bad / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    if fault == "changed byte":
        data = bytearray((bad / "anogan_search.onnx").read_bytes())
        data[len(data) // 2] ^= 0xFF
        (bad / "anogan_search.onnx").write_bytes(bytes(data))
    elif fault == "missing graph":
        (bad / "egbad.onnx").unlink()
    elif fault == "not json":
        manifest_path.write_text("{ not json")
    elif fault == "unknown version":
        manifest["format_version"] = 99
        manifest_path.write_text(json.dumps(manifest))
    elif fault == "wrong shape":
        manifest["graphs"]["hybrid_encoder.onnx"]["inputs"][0]["shape"] = ["N", 3, 32, 32]
        manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match=message):
        validate_bundle(bad)


@pytest.mark.parametrize("args,message", [
    (["--normal-class", "12"], "unknown Fashion-MNIST class 12"),
    (["--data", "/nonexistent/patches.npy"], "patch array not found: /nonexistent/patches.npy"),
    (["--data-dir", "/nonexistent"], "IDX file not found: /nonexistent/train-images"),
])
def test_bad_training_input_is_a_clear_error(tmp_path, capsys, args, message):
    assert main(["train", "--run-dir", str(tmp_path / "run"), *TINY, *args]) == 2
    assert message in capsys.readouterr().err


def test_wrong_image_size_in_user_data(tmp_path, capsys):
    np.save(tmp_path / "p.npy", np.zeros((20, 200, 200), dtype=np.uint8))
    assert main(["train", "--run-dir", str(tmp_path / "run"), "--data", str(tmp_path / "p.npy"), *TINY]) == 2
    assert "patch size 200 outside the supported 8..128" in capsys.readouterr().err


@pytest.mark.slow
def test_user_rgb_patches_train_and_export(tmp_path):
    rng = np.random.default_rng(0)
    np.save(tmp_path / "p.npy", rng.integers(0, 256, (64, 40, 40, 3), dtype=np.uint8))
    run = tmp_path / "run"
    assert main(["train", "--run-dir", str(run), "--data", str(tmp_path / "p.npy"), *TINY]) == 0
    assert main(["export", "--run-dir", str(run), "--out", str(tmp_path / "b"), "--anogan-steps", "2",
                 "--hybrid-steps", "1", "--calibration-patches", "4", "--quiet"]) == 0
    manifest = validate_bundle(tmp_path / "b")
    assert manifest["input"]["channels"] == 3 and manifest["input"]["model_height"] == 64
    assert manifest["input"]["pixel_mapping"]["pad"]["top"] == 12


@pytest.mark.slow
def test_evaluation_shows_baselines_beside_methods_and_warns_below_knn(bundle, capsys):
    run = bundle.parent / "run"
    assert main(["--threads", "2", "evaluate", "--run-dir", str(run), "--bootstrap", "50", "--quiet"]) == 0
    out = capsys.readouterr().out
    result = json.loads((run / "evaluation.json").read_text())
    assert set(result["baselines"]) == {"knn-5", "pca"}
    assert {"feature-knn", "hybrid", "egbad", "egbad-ce"} <= set(result["methods"])
    assert result["patches"] == 10000 and result["anomalous"] == 9000
    assert result["baselines"]["knn-5"]["auroc"] > 0.9  # raw-pixel kNN on Sneaker against the rest
    for method in result["methods"].values():
        t = method["at_threshold"]
        assert set(t) >= {"false_positive_rate", "detection_rate", "interval", "flagged_normals", "flagged_range"}
        assert t["flagged_normals"] == round(t["false_positive_rate"] * 1000)
        assert t["flagged_range"][0] < t["flagged_range"][1]
    assert "knn-5" in out and "pca" in out and "feature-knn" in out
    # the evaluation says loudly when its best method is below the pixel kNN, and only then
    assert ("BELOW the kNN-5 baseline" in out) == result["best_below_knn"]
    knn = result["comparison"][result["best_method"]]["knn-5"]
    assert result["best_below_knn"] == (knn["difference"] < 0)


def test_the_warning_names_the_best_method_and_its_gap_to_the_pixel_knn():
    result = {"best_method": "egbad", "best_below_knn": True, "methods": {"egbad": {"auroc": 0.7}},
              "comparison": {"egbad": {"knn-5": {"difference": -0.2, "low": -0.25, "high": -0.15}}}}
    [line] = warnings(result)
    assert "WARNING" in line and "egbad, AUROC 0.700" in line and "BELOW the kNN-5 baseline" in line and "-0.200" in line
    assert warnings({**result, "best_below_knn": False}) == []


def test_a_note_says_when_pca_beats_the_best_method_by_the_bootstrap():
    result = {"best_method": "feature-knn", "best_below_knn": False, "methods": {"feature-knn": {"auroc": 0.8}},
              "comparison": {"feature-knn": {"knn-5": {"difference": 0.03, "low": 0.02, "high": 0.04},
                                             "pca": {"difference": -0.08, "low": -0.1, "high": -0.06,
                                                     "verdict": "worse"}}}}
    [line] = warnings(result)
    assert line.startswith("NOTE: PCA") and "feature-knn" in line and "-0.080" in line
    tie = {"difference": -0.01, "low": -0.03, "high": 0.01, "verdict": "tie"}
    assert warnings({**result, "comparison": {"feature-knn": {**result["comparison"]["feature-knn"], "pca": tie}}}) == []


@pytest.mark.slow
def test_feature_knn_graph_keeps_its_memory_banks_as_float16(bundle):
    model = onnx.load(str(bundle / "feature_knn.onnx"))
    taps = json.loads((bundle / "manifest.json").read_text())["methods"]["feature-knn"]["hyperparameters"]["taps"]
    halves = [t for t in model.graph.initializer if t.data_type == onnx.TensorProto.FLOAT16]
    assert len(halves) == len(taps) and all(t.name.endswith("_float16") for t in halves)
    assert {"TopK", "MatMul"} <= {n.op_type for n in model.graph.node}
