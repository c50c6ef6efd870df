"""Whole images: tiling, the split by image, image thresholds, stitched maps, the grass set, train → export → validate."""
import json

import numpy as np
import pytest
from PIL import Image

from anogan_train import grass
from anogan_train.cli import main
from anogan_train.image_calibration import calibrate_images, image_scores
from anogan_train.images import ImageRecord, ImageSplit
from anogan_train.run import Run, TrainConfig
from anogan_train.stats import fpr_interval
from anogan_train.tiling import Tiling

TINY = ["--width", "4", "--latent-dim", "8", "--epochs-gan", "1", "--epochs-bigan", "1", "--epochs-encoder", "1",
        "--max-iterations", "2", "--batch-size", "8", "--quiet"]


@pytest.mark.parametrize("height,width,patch,stride", [(32, 32, 32, 16), (100, 70, 32, 16), (33, 48, 16, 5),
                                                       (64, 64, 16, 16), (17, 40, 8, 3)])
def test_tiles_cover_every_pixel_and_the_last_is_flush_with_the_edge(height, width, patch, stride):
    tiling = Tiling(patch, stride)
    positions = tiling.positions(height, width)
    covered = np.zeros((height, width), int)
    for top, left in positions:
        assert 0 <= top <= height - patch and 0 <= left <= width - patch
        covered[top:top + patch, left:left + patch] += 1
    assert covered.min() >= 1
    assert positions[:, 0].max() == height - patch and positions[:, 1].max() == width - patch
    assert np.all(np.diff(tiling.offsets(width)) <= stride) and np.all(np.diff(tiling.offsets(width)) > 0)
    image = np.arange(3 * height * width).reshape(3, height, width)
    tiles = tiling.tile(image)
    top, left = positions[-1]
    assert tiles.shape == (len(positions), 3, patch, patch)
    assert np.array_equal(tiles[-1], image[:, top:top + patch, left:left + patch])


def test_offsets_follow_the_publishers_rule():
    assert Tiling(32, 16).offsets(100) == [0, 16, 32, 48, 64, 68]
    assert Tiling(32, 32).offsets(64) == [0, 32]
    with pytest.raises(ValueError, match="--stride must be in 1..--patch-size"):
        Tiling(16, 17)


def test_stitched_map_is_the_mean_of_the_tiles_covering_each_pixel():
    tiling, height, width = Tiling(8, 3), 20, 15
    positions = tiling.positions(height, width)
    maps = np.random.default_rng(0).random((len(positions), 8, 8))
    stitched = tiling.stitch(maps, height, width)
    for y in range(height):
        for x in range(width):
            values = [maps[i, y - top, x - left] for i, (top, left) in enumerate(positions)
                      if top <= y < top + 8 and left <= x < left + 8]
            assert stitched[y, x] == pytest.approx(np.mean(values))


def _brute_force_threshold(scores, rate):
    """The smallest calibration score with at most max(1, floor(n·rate)) − 1 scores strictly above it."""
    allowed = max(1, int(np.floor(len(scores) * rate))) - 1
    return min(s for s in scores if sum(other > s for other in scores) <= allowed)


@pytest.mark.parametrize("images,rate", [(5, 0.01), (40, 0.1), (250, 0.01), (333, 0.05)])
def test_image_threshold_is_the_order_statistic_of_image_maxima(images, rate):
    rng = np.random.default_rng(images)
    records = [ImageRecord(f"{i}.png", int(rng.integers(16, 40)), int(rng.integers(16, 40))) for i in range(images)]
    split = ImageSplit(Tiling(16, 8), [], [], records)
    tiles = split.tiles_per_image("calibration")
    patch_scores = rng.gamma(2.0, size=int(tiles.sum()))
    starts = np.r_[0, np.cumsum(tiles)]
    maxima = [max(patch_scores[starts[i]:starts[i + 1]]) for i in range(images)]
    assert np.array_equal(image_scores(patch_scores, tiles), maxima)
    cal = calibrate_images(patch_scores, split, rate)
    assert cal["threshold"] == _brute_force_threshold(maxima, rate)
    assert cal["beyond_threshold"] == sum(m > cal["threshold"] for m in maxima)
    interval = fpr_interval(images, cal["beyond_threshold"])
    assert cal["fpr_interval"] == [interval["low"], interval["high"]] and cal["images"] == images
    assert (cal["aggregation"], cal["false_positive_rate"], cal["patch_size"], cal["stride"]) == \
        ("max-patch-score", rate, 16, 8)
    # a slow method scores only the first tiles: the images whose every tile was scored count
    partial = calibrate_images(patch_scores[:starts[3] + 1], split, rate)
    assert partial["images"] == 3 and partial["threshold"] == _brute_force_threshold(maxima[:3], rate)
    assert calibrate_images(patch_scores[:1], split, rate) is None


def image_folder(root, count, size=24, channels=1):
    """``count`` images, image i's pixels all equal to 10·i (so a tile tells which image it came from)."""
    root.mkdir(parents=True)
    for i in range(count):
        pixels = np.full((size, size + 4 * (i % 3)) + ((3,) if channels == 3 else ()), 10 * i, np.uint8)
        Image.fromarray(pixels).save(root / f"img-{i:02d}.png")
    return root


def test_the_split_holds_out_whole_images(tmp_path):
    folder = image_folder(tmp_path / "images", 20, channels=3)
    config = TrainConfig(source=str(folder), normal_class=None, width=4, latent_dim=8, batch_size=8,
                         tiling={"patch_size": 16, "stride": 8})
    run = Run.create(tmp_path / "run", config)
    held = run.images
    parts = {part: getattr(run.split, part) for part in ("train", "validation", "calibration")}
    seen = {part: set(tiles[:, 0, 0, 0].tolist()) for part, tiles in parts.items()}
    assert not seen["train"] & seen["validation"] and not seen["train"] & seen["calibration"]
    assert not seen["validation"] & seen["calibration"]
    for part, tiles in parts.items():
        records = getattr(held, part)
        assert seen[part] == {10 * int(r.name[4:6]) for r in records}
        assert len(tiles) == held.tiles_per_image(part).sum() and tiles.shape[1:] == (3, 16, 16)
    names = [r.name for part in parts for r in getattr(held, part)]
    assert sorted(names) == sorted(set(names)) and len(names) == 20
    assert (len(held.validation), len(held.calibration)) == (2, 4)
    # the run folder keeps the images' identity and the tiling
    again = Run(tmp_path / "run", run.config)
    assert again.images == held and json.loads((tmp_path / "run" / "config.json").read_text())["tiling"] == \
        {"patch_size": 16, "stride": 8}


@pytest.mark.parametrize("args,message", [
    (["--images", "{few}"], "3 image(s); at least 4 are needed to hold out whole images"),
    (["--images", "{few}", "--data", "x.npy"], "give --data (patches) or --images (whole images), not both"),
    (["--patch-size", "16"], "--patch-size and --stride tile whole images: give --images FOLDER"),
    (["--images", "{few}", "--stride", "40"], "--stride must be in 1..--patch-size (32)"),
    (["--images", "{few}", "--patch-size", "200"], "--patch-size must be in 8..128, got 200"),
    (["--images", "{few}", "--normal-label", "ok"], "--normal-label is for --data patches"),
])
def test_image_options_are_one_line_errors_naming_them(tmp_path, capsys, args, message):
    few = image_folder(tmp_path / "few", 3, size=40)
    args = [a.replace("{few}", str(few)) for a in args]
    assert main(["train", "--run-dir", str(tmp_path / "run"), *args, *TINY]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err


def test_the_grass_set_is_deterministic_and_its_masks_mark_the_defects(tmp_path):
    photo = grass.photo("grass")[:160, :96]
    counts = grass.make(tmp_path / "a", photo, crop_size=32, test_rows=64, test_images=6, seed=3)
    grass.make(tmp_path / "b", photo, crop_size=32, test_rows=64, test_images=6, seed=3)
    assert counts == {"train": 9, "test_normal": 6, "test_anomalous": 6}
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.png"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.png"))
    for rel in files:
        assert np.array_equal(np.asarray(Image.open(tmp_path / "a" / rel)), np.asarray(Image.open(tmp_path / "b" / rel)))
    kinds = set()
    for file in (tmp_path / "a" / "test" / "anomalous").iterdir():
        image, mask = np.asarray(Image.open(file)), np.asarray(Image.open(tmp_path / "a" / "test" / "masks" / file.name))
        top, left = (int(v) for v in file.stem.split("-")[2:])
        assert top >= 160 - 64  # test crops come from the bottom rows, which no training crop touches
        original = photo[top:top + 32, left:left + 32]
        assert mask.any() and not np.array_equal(image[mask > 0], original[mask > 0])
        assert np.array_equal(image[mask == 0], original[mask == 0]) or file.name.startswith("blob")
        kinds.add(file.name.split("-")[0])
    assert kinds == set(grass.DEFECTS)
    assert max(int(p.stem.split("-")[1]) for p in (tmp_path / "a" / "train").iterdir()) + 32 <= 160 - 64


@pytest.mark.slow
def test_train_export_validate_and_evaluate_on_grass_images(tmp_path, capsys):
    grass.make(tmp_path / "grass", grass.photo("grass")[:192, :128], crop_size=32, test_rows=64, test_images=4)
    run, bundle = tmp_path / "run", tmp_path / "bundle"
    assert main(["--threads", "2", "train", "--run-dir", str(run), "--images", str(tmp_path / "grass" / "train"),
                 "--patch-size", "16", "--stride", "8", *TINY]) == 0
    common = ["--run-dir", str(run), "--hybrid-steps", "1", "--anogan-steps", "2", "--calibration-patches", "18",
              "--quiet"]
    assert main(["--threads", "2", "evaluate", *common, "--test-images", str(tmp_path / "grass" / "test"),
                 "--bootstrap", "10"]) == 0
    result = json.loads((run / "evaluation.json").read_text())
    assert result["images"] == 8 and result["masks"] == 4 and set(result["baselines"]) == {"knn-5", "pca"}
    for entry in result["methods"].values():
        assert 0 <= entry["auroc"] <= 1 and 0 <= entry["pixel_auroc"]["anomaly_map"] <= 1
        assert 0 <= entry["pixel_auroc"]["score_map"] <= 1 and "at_image_threshold" in entry
    for entry in result["baselines"].values():  # the same pipeline fed with the baseline, calibrated the same way
        at = entry["at_image_threshold"]
        assert at["target_false_positive_rate"] == 0.01 and 0 <= at["false_positive_rate"] <= 1
        assert 0 < at["interval"][0] < at["interval"][1] <= 1
    assert "pixel AUROC, anomaly map" in capsys.readouterr().out
    assert main(["--threads", "2", "export", *common, "--out", str(bundle)]) == 0
    assert "image threshold" in capsys.readouterr().out
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["tiling"] == {"patch_size": 16, "stride": 8}
    held = manifest["training"]["images"]
    # 16 images of 32 x 32 (9 tiles each): 2 validate, 3 calibrate, 11 train
    assert [len(held[part]) for part in ("train", "validation", "calibration")] == [11, 2, 3]
    for name, method in manifest["methods"].items():
        image = method["image_calibration"]
        assert {"aggregation", "threshold", "false_positive_rate", "fpr_interval", "images", "patch_size",
                "stride"} <= set(image)
        # AnoGAN's long search scores 18 calibration tiles (--calibration-patches): two whole images
        assert image["aggregation"] == "max-patch-score" and image["images"] == (2 if name == "anogan" else 3)
        assert (image["patch_size"], image["stride"], image["false_positive_rate"]) == (16, 8, 0.01)
        assert 0 < image["fpr_interval"][0] < image["fpr_interval"][1] <= 1
    assert main(["validate", str(bundle), "--allow-collapsed"]) == 0
