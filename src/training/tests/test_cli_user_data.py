"""The trainer on a user's own data: which patches train, the test set, training length, retries, errors, Ctrl-C."""
import json
import shutil

import numpy as np
import pytest
from PIL import Image

from anogan_train import data, run as run_module
from anogan_train.cli import main
from anogan_train.run import ConfigError, Run, TrainConfig

TINY = ["--width", "4", "--latent-dim", "8", "--epochs-gan", "1", "--epochs-bigan", "1", "--epochs-encoder", "1",
        "--max-iterations", "2", "--batch-size", "8", "--quiet"]


def labelled_folder(root, normals=60, anomalies=6, size=16, dtype=np.uint8):
    """Normal patches have pixel values 0..normals-1 (one value per patch), anomalies 200+."""
    top = 65535 if dtype == np.uint16 else 255
    for name, values in (("normal", range(normals)), ("defect", range(200, 200 + anomalies))):
        (root / name).mkdir(parents=True, exist_ok=True)
        for v in values:
            Image.fromarray(np.full((size, size), v * (top // 255), dtype=dtype)).save(root / name / f"{v:03d}.png")
    return root


def config(source, **kw):
    return TrainConfig(source=str(source), normal_class=None, width=4, latent_dim=8, batch_size=8, **kw)


def test_only_normal_patches_train_and_the_test_set_holds_the_rest(tmp_path):
    run = Run.create(tmp_path / "run", config(labelled_folder(tmp_path / "d")))
    seen = set(np.concatenate([run.split.train, run.split.validation, run.split.calibration])[:, 0, 0, 0].tolist())
    assert seen <= set(range(60)) and len(seen) == 60 - 6  # 10 % of the normals held out for the test set
    test = run.test_set()
    assert test.anomalous.sum() == 6 and (~test.anomalous).sum() == 6
    assert not seen & set(test.images[~test.anomalous][:, 0, 0, 0].tolist())
    assert test.names[0] == "defect/200.png"


def test_test_data_option_gives_the_test_set(tmp_path):
    np.save(tmp_path / "train.npy", np.zeros((40, 16, 16), dtype=np.uint8))
    with pytest.raises(data.DataError, match="give a labelled test set with --test-data"):
        Run.create(tmp_path / "a", config(tmp_path / "train.npy")).test_set()
    run = Run.create(tmp_path / "b", config(tmp_path / "train.npy", test_data=str(labelled_folder(tmp_path / "t"))))
    test = run.test_set()
    assert test.images.shape == (66, 1, 16, 16) and test.anomalous.sum() == 6
    with pytest.raises(data.DataError, match=r"--test-data .*train.npy is unlabelled"):
        run.test_set(tmp_path / "train.npy")


def test_fashion_mnist_test_set():
    run = Run(None, TrainConfig(normal_class=3, width=4, latent_dim=8), run_module.RunData(
        data.OneClassSplit(np.zeros((2, 1, 28, 28), np.uint8), np.zeros((1, 1, 28, 28), np.uint8),
                          np.zeros((1, 1, 28, 28), np.uint8))))
    test = run.test_set()
    assert len(test.images) == 10000 and test.anomalous.sum() == 9000 and test.labels[~test.anomalous][0] == "Dress"


@pytest.mark.parametrize("option", [["--normal-class", "1"], ["--normal-label", "ok"]])
def test_normal_labels_for_unlabelled_data_are_an_error(tmp_path, capsys, option):
    np.save(tmp_path / "p.npy", np.zeros((40, 16, 16), dtype=np.uint8))
    assert main(["train", "--run-dir", str(tmp_path / "run"), "--data", str(tmp_path / "p.npy"), *option, *TINY]) == 2
    err = capsys.readouterr().err
    assert "is unlabelled (all its patches are normal): --normal-label (or --normal-class) applies only to labelled" in err
    assert not (tmp_path / "run" / "config.json").exists()


def test_normal_class_selects_npz_labels(tmp_path):
    x = np.repeat(np.arange(80, dtype=np.uint8), 16 * 16).reshape(80, 16, 16)  # 20 normals: 12 train a batch of 8
    np.savez(tmp_path / "d.npz", x=x, labels=np.arange(80) % 4)
    args = ["train", "--run-dir", str(tmp_path / "run"), "--data", str(tmp_path / "d.npz"), "--normal-class", "1"]
    from anogan_train.cli import _parser, _train_config
    c = _train_config(_parser().parse_args(args + TINY))
    assert c.normal_labels == ["1"] and c.normal_class is None
    run = Run.create(tmp_path / "run", c)
    assert set(np.concatenate([run.split.train, run.split.validation, run.split.calibration])[:, 0, 0, 0] % 4) == {1}


def test_min_steps_raises_the_epochs_of_small_data_sets(tmp_path):
    # 1400 patches: 140 validation, 280 calibration, 980 train
    np.save(tmp_path / "p.npy", np.zeros((1400, 16, 16), dtype=np.uint8))
    run = Run.create(tmp_path / "run", TrainConfig(source=str(tmp_path / "p.npy"), normal_class=None, width=4,
                                                   latent_dim=8, epochs_gan=20))
    assert len(run.split.train) // 64 == 15
    assert run.stage_epochs(20) == 200 and run.stage_epochs(500) == 500  # ceil(3000 / 15)
    line = run.describe_length({"gan": 200})
    assert "15 steps per epoch" in line and "gan 200 epochs (3000 steps, raised from 20)" in line
    smoke = Run.create(tmp_path / "smoke", TrainConfig(source=str(tmp_path / "p.npy"), normal_class=None, width=4,
                                                       latent_dim=8, max_iterations=2))
    assert smoke.stage_epochs(1) == 1


def test_a_rejected_attempt_does_not_block_the_run_folder(tmp_path, capsys):
    np.save(tmp_path / "p.npy", np.zeros((40, 16, 16), dtype=np.uint8))
    base = ["train", "--run-dir", str(tmp_path / "run"), "--data", str(tmp_path / "p.npy")]
    assert main([*base, *TINY, "--batch-size", "64"]) == 2
    assert "28 training patches are fewer than one batch (--batch-size 64)" in capsys.readouterr().err
    assert not (tmp_path / "run" / "config.json").exists()
    # an attempt that wrote its configuration but never got to a checkpoint is replaced, not refused
    Run.create(tmp_path / "run", config(tmp_path / "p.npy", seed=5))
    run = Run.create(tmp_path / "run", config(tmp_path / "p.npy", seed=6))
    assert json.loads((tmp_path / "run" / "config.json").read_text())["seed"] == 6
    (tmp_path / "run" / "gan").mkdir()
    (tmp_path / "run" / "gan" / "last.pt").write_bytes(b"")
    with pytest.raises(ConfigError, match=r"holds checkpoints of a different configuration \(changed: --seed\)"):
        Run.create(tmp_path / "run", config(tmp_path / "p.npy", seed=7))
    assert Run.create(tmp_path / "run", config(tmp_path / "p.npy", seed=6)).split.train.shape == run.split.train.shape


def test_the_run_folder_keeps_its_patches(tmp_path):
    source = labelled_folder(tmp_path / "d")
    run = Run.create(tmp_path / "run", config(source))
    shutil.rmtree(source)
    again = Run(tmp_path / "run", run.config)
    assert np.array_equal(again.split.validation, run.split.validation)
    assert np.array_equal(again.test_set().images, run.test_set().images)
    shutil.rmtree(tmp_path / "run" / "patches")
    with pytest.raises(data.DataError, match="patch folder not found: .*holds no copy: the run predates it"):
        Run(tmp_path / "run", run.config)


@pytest.mark.parametrize("env,value,message", [
    ("ANOGAN_TRAIN_EPOCHS_GAN", "ten", "ANOGAN_TRAIN_EPOCHS_GAN='ten' is not a valid int (it sets --epochs-gan)"),
    ("ANOGAN_TRAIN_LR", "fast", "ANOGAN_TRAIN_LR='fast' is not a valid float (it sets --lr)"),
    ("ANOGAN_TRAIN_THREADS", "", "ANOGAN_TRAIN_THREADS='' is not a valid int (it sets --threads)"),
])
def test_a_malformed_environment_variable_is_one_line_even_for_help(monkeypatch, capsys, env, value, message):
    monkeypatch.setenv(env, value)
    assert main(["train", "--help"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("args,message", [
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["--threads", "0"], "--threads must be 1 or more, got 0"),
    (["--epochs-gan", "x"], "argument --epochs-gan: invalid int value: 'x'"),
    (["--batch-size", "0"], "--batch-size must be positive, got 0"),
    (["--validation-fraction", "1.5"], "--validation-fraction must be in (0, 1), got 1.5"),
    (["--normal-label", "3"], "--normal-label is for labelled --data of your own"),
    (["--test-data", "t.npz"], "--test-data is for --data of your own"),
])
def test_a_bad_option_is_one_line_naming_it(tmp_path, capsys, args, message):
    try:
        threads = args if args[0] == "--threads" else []
        rc = main([*threads, "train", "--run-dir", str(tmp_path / "run"), *args[len(threads):]])
    except SystemExit as e:  # argparse's own errors
        rc = e.code
    err = capsys.readouterr().err
    assert rc == 2 and message in err and err.count("\n") == 1, err


def test_ctrl_c_is_one_line_exit_130_and_the_run_resumes(tmp_path, monkeypatch, capsys):
    np.save(tmp_path / "p.npy", np.random.default_rng(0).integers(0, 256, (40, 8, 8), dtype=np.uint8))
    args = ["--threads", "1", "train", "--run-dir", str(tmp_path / "run"), "--data", str(tmp_path / "p.npy"), *TINY]
    real_fit = run_module.fit

    def fit_then_interrupt(stage, **kw):
        if stage.name == "encoder":
            raise KeyboardInterrupt
        return real_fit(stage, **kw)

    monkeypatch.setattr(run_module, "fit", fit_then_interrupt)
    assert main(args) == 130
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].endswith("interrupted; checkpoints in " + str(tmp_path / "run")
                                                 + " are intact: run the same command to resume")
    assert "Traceback" not in err and (tmp_path / "run" / "gan" / "last.pt").exists()
    monkeypatch.setattr(run_module, "fit", real_fit)
    assert main(args) == 0
    assert "[gan] resuming after epoch 1" in capsys.readouterr().err


@pytest.mark.slow
def test_evaluate_on_a_users_labelled_patches_prints_methods_beside_baselines(tmp_path, capsys):
    rng = np.random.default_rng(0)
    root = tmp_path / "d"
    for name, count, offset in (("normal", 120, 0), ("defect", 12, 180)):
        (root / name).mkdir(parents=True)
        for i in range(count):
            pixels = np.clip(rng.normal(60 + offset, 20, (16, 16)), 0, 255).astype(np.uint8)
            Image.fromarray(pixels).save(root / name / f"{i:03d}.png")
    assert main(["train", "--run-dir", str(tmp_path / "run"), "--data", str(root), *TINY]) == 0
    assert main(["evaluate", "--run-dir", str(tmp_path / "run"), "--bootstrap", "20", "--quiet"]) == 0
    out = capsys.readouterr().out
    result = json.loads((tmp_path / "run" / "evaluation.json").read_text())
    assert result["anomalous"] == 12 and result["patches"] == 24
    assert result["baselines"]["knn-5"]["auroc"] > 0.95  # bright defects are trivially far from the normals
    assert "knn-5" in out and "feature-knn" in out
    assert ("WARNING" in out) == result["best_below_knn"]
