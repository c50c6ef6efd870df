"""A user's own data: labelled folders and npz files, PNGs at their true depth, small patch sizes, the test share."""
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from anogan_train import data


def save_pngs(folder, images, mode=None):
    folder.mkdir(parents=True, exist_ok=True)
    for i, img in enumerate(images):
        Image.fromarray(img, mode=mode).save(folder / f"{i:03d}.png")


def gray_png(samples, bit_depth):
    """A grayscale PNG (colour type 0) of ``samples`` ([H, W] ints below 2**bit_depth) at 1, 2 or 4 bits, by hand:
    Pillow writes such depths only for palette images."""
    height, width = samples.shape
    rows = b""
    for row in samples:
        bits = "".join(format(int(v), f"0{bit_depth}b") for v in row)
        bits += "0" * (-len(bits) % 8)  # each scanline ends on a byte boundary
        rows += b"\0" + int(bits, 2).to_bytes(len(bits) // 8, "big")  # filter type 0 (none)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_folder_with_normal_and_anomalous_sub_folders(tmp_path):
    rng = np.random.default_rng(0)
    normal, crack, scratch = (rng.integers(0, 256, (n, 20, 20), dtype=np.uint8) for n in (5, 2, 3))
    save_pngs(tmp_path / "normal", normal)
    save_pngs(tmp_path / "crack", crack)
    save_pngs(tmp_path / "scratch", scratch)
    patches = data.load_labelled(tmp_path, None)
    assert patches.labelled and patches.images.shape == (10, 1, 20, 20)
    assert patches.anomalous.tolist() == [True] * 2 + [False] * 5 + [True] * 3  # sub-folders in name order
    assert np.array_equal(patches.normal[:, 0], normal) and np.array_equal(patches.anomalies[:, 0], np.r_[crack, scratch])
    assert patches.names[0] == "crack/000.png" and set(patches.labels) == {"normal", "crack", "scratch"}


def test_normal_sub_folder_can_be_renamed_and_must_exist(tmp_path):
    rng = np.random.default_rng(1)
    save_pngs(tmp_path / "good", rng.integers(0, 256, (3, 16, 16), dtype=np.uint8))
    save_pngs(tmp_path / "broken", rng.integers(0, 256, (2, 16, 16), dtype=np.uint8))
    with pytest.raises(data.DataError, match=r"none of the sub-folders \['broken', 'good'\] is the normal one .*--normal-label"):
        data.load_labelled(tmp_path, None)
    patches = data.load_labelled(tmp_path, ["good"])
    assert patches.anomalous.tolist() == [True, True, False, False, False]


def test_flat_folder_is_unlabelled_and_all_normal(tmp_path):
    save_pngs(tmp_path, np.zeros((3, 16, 16), dtype=np.uint8))
    patches = data.load_labelled(tmp_path, None)
    assert not patches.labelled and not patches.anomalous.any() and patches.names == ["000.png", "001.png", "002.png"]


def test_npz_with_labels_and_normal_labels(tmp_path):
    x = np.arange(6)[:, None, None] * np.ones((6, 16, 16), dtype=np.uint8)
    np.savez(tmp_path / "d.npz", x=x.astype(np.uint8), labels=np.array([0, 1, 2, 0, 1, 2]))
    patches = data.load_labelled(tmp_path / "d.npz", ["0", "2"])
    assert patches.anomalous.tolist() == [False, True, False, False, True, False]
    with pytest.raises(data.DataError, match=r"has labels \['0', '1', '2'\]: say which are normal with --normal-label"):
        data.load_labelled(tmp_path / "d.npz", None)
    with pytest.raises(data.DataError, match=r"--normal-label 7 matches no label; the labels are \['0', '1', '2'\]"):
        data.load_labelled(tmp_path / "d.npz", ["7"])
    np.savez(tmp_path / "s.npz", images=x.astype(np.uint8), labels=np.array(["ok", "bad"] * 3))
    assert data.load_labelled(tmp_path / "s.npz", ["ok"]).anomalous.tolist() == [False, True] * 3
    np.savez(tmp_path / "n.npz", x=x.astype(np.uint8), labels=np.zeros(5))
    with pytest.raises(data.DataError, match="6 images but 5 labels"):
        data.load_labelled(tmp_path / "n.npz", ["0.0"])


def test_labelled_patches_round_trip(tmp_path):
    p = data.LabelledPatches(np.ones((3, 1, 8, 8), np.uint16), np.array([True, False, True]), ["a", "b", "c"],
                             np.array(["x", "normal", "y"]))
    p.save(tmp_path / "t.npz")
    q = data.LabelledPatches.read(tmp_path / "t.npz")
    assert q.images.dtype == np.uint16 and q.anomalous.tolist() == [True, False, True] and q.names == ["a", "b", "c"]
    assert q.labels.tolist() == ["x", "normal", "y"]


def test_sixteen_bit_grayscale_png_keeps_its_depth(tmp_path):
    wide = (np.arange(16 * 16).reshape(1, 16, 16) * 250).astype(np.uint16)  # up to 63750
    save_pngs(tmp_path / "w", wide)
    raw = data.load_patches(tmp_path / "w")
    assert raw.dtype == np.uint16 and np.array_equal(raw[0, 0], wide[0])
    mapping = data.PixelMapping.for_size(16, raw.dtype.name)
    x = mapping.apply(raw)
    assert x.max() == pytest.approx(63750 / 65535 * 2 - 1, abs=1e-6)
    assert mapping.to_manifest()["training_encoding"] == "uint16"


def test_alpha_is_dropped(tmp_path):
    rng = np.random.default_rng(2)
    gray_alpha = rng.integers(0, 256, (2, 16, 16, 2), dtype=np.uint8)
    rgba = rng.integers(0, 256, (2, 16, 16, 4), dtype=np.uint8)
    save_pngs(tmp_path / "la", gray_alpha, mode="LA")
    save_pngs(tmp_path / "rgba", rgba, mode="RGBA")
    assert np.array_equal(data.load_patches(tmp_path / "la"), gray_alpha[:, None, :, :, 0])
    assert np.array_equal(data.load_patches(tmp_path / "rgba"), rgba[..., :3].transpose(0, 3, 1, 2))


@pytest.mark.parametrize("bit_depth", [1, 2, 4])
def test_low_depth_grayscale_png_is_one_channel_scaled_to_the_full_range(tmp_path, bit_depth):
    # the service's rule too (PngLayoutsAsOneChannelRuleTest): sample * 255 / (2**depth - 1), as PNG defines it
    top = (1 << bit_depth) - 1
    rng = np.random.default_rng(bit_depth)
    samples = rng.integers(0, top + 1, (2, 21, 21))  # 21 wide: at each depth a scanline ends mid-byte
    samples[:, 0, :2] = [0, top]
    (tmp_path / "low").mkdir()
    for i, s in enumerate(samples):
        (tmp_path / "low" / f"{i:03d}.png").write_bytes(gray_png(s, bit_depth))
    raw = data.load_patches(tmp_path / "low")
    assert raw.shape == (2, 1, 21, 21) and raw.dtype == np.uint8
    assert np.array_equal(raw[:, 0], samples * 255 // top)
    assert raw[0, 0, 0, 0] == 0 and raw[0, 0, 0, 1] == 255


def test_mixed_depths_and_sixteen_bit_colour_are_refused(tmp_path):
    save_pngs(tmp_path / "mixed", np.zeros((1, 16, 16), dtype=np.uint8))
    Image.fromarray(np.full((16, 16), 1000, dtype=np.uint16)).save(tmp_path / "mixed" / "z.png")
    with pytest.raises(data.DataError, match="mixing 8- and 16-bit PNGs"):
        data.load_patches(tmp_path / "mixed")
    folder = tmp_path / "rgb16"
    folder.mkdir()
    png = bytearray((tmp_path / "mixed" / "z.png").read_bytes())
    png[25] = 2  # a 16-bit RGB header (the check reads IHDR before decoding)
    (folder / "a.png").write_bytes(bytes(png))
    with pytest.raises(data.DataError, match="16-bit RGB PNGs are not supported"):
        data.load_patches(folder)


@pytest.mark.parametrize("size,model,before,after", [(8, 16, 4, 4), (9, 16, 3, 4), (15, 16, 0, 1), (17, 32, 7, 8)])
def test_small_and_odd_sizes_are_padded_to_the_model_size(tmp_path, size, model, before, after):
    np.save(tmp_path / "p.npy", np.full((2, size, size), 255, dtype=np.uint8))
    raw = data.load_patches(tmp_path / "p.npy")
    mapping = data.PixelMapping.for_size(size)
    assert (mapping.model_size, mapping.pad_before, mapping.pad_after) == (model, before, after)
    x = mapping.apply(raw)
    assert x.shape == (2, 1, model, model) and x[0, 0, before, before] == 1.0 and x[0, 0, -1, -1] == -1.0
    assert mapping.to_manifest()["model_size"] == model


def test_too_small_patches_are_refused_with_the_range():
    with pytest.raises(data.DataError, match="patch size 7 outside the supported 8..128"):
        data.PixelMapping.for_size(7)


def test_test_share_leaves_validation_unchanged_and_is_disjoint():
    images = (np.arange(100)[:, None, None, None] * np.ones((1, 1, 8, 8))).astype(np.uint8)
    plain, with_test = data.split_normal(images, 0.1, 3), data.split_normal(images, 0.1, 3, test_fraction=0.2)
    assert np.array_equal(plain.validation, with_test.validation) and plain.test is None
    assert np.array_equal(plain.calibration, with_test.calibration)
    ids = [set(a[:, 0, 0, 0].tolist())
           for a in (with_test.train, with_test.validation, with_test.calibration, with_test.test)]
    assert [len(i) for i in ids] == [50, 10, 20, 20]
    assert all(not (ids[i] & ids[j]) for i in range(4) for j in range(i + 1, 4))
    assert set(plain.train[:, 0, 0, 0].tolist()) == ids[0] | ids[3]  # the test share comes out of training only


@pytest.mark.parametrize("name,content", [("bad.npz", b"not a zip"), ("bad.npy", b"\x93NUMPY garbage"),
                                          ("pngs/a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 4 + b"IHDR" + b"\0" * 30)])
def test_corrupt_files_are_a_clear_error(tmp_path, name, content):
    (tmp_path / name).parent.mkdir(exist_ok=True)
    (tmp_path / name).write_bytes(content)
    with pytest.raises(data.DataError, match=f"{name}: cannot be read"):
        data.load_labelled(tmp_path / name.split("/")[0], None)


def test_the_texture_stand_in_is_deterministic_and_keeps_test_rows_out_of_training(tmp_path):
    from anogan_train import textures

    photos = {name: textures.photo(name)[:96, :80] for name in textures.PHOTOS}
    counts = textures.make(tmp_path / "a", photos, "gravel", patch_size=16, stride=8, test_rows=32, test_patches=9)
    textures.make(tmp_path / "b", photos, "gravel", patch_size=16, stride=8, test_rows=32, test_patches=9)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.png"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.png"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert counts == {"train": 7 * 9, "test_normal": 9, "test_anomalous": 9}
    train_rows = {int(p.stem.split("-")[1]) for p in (tmp_path / "a" / "train").iterdir()}
    assert max(train_rows) + 16 <= 96 - 32
    for test in ("test-material", "test-defect"):
        rows = [int(p.stem.split("-")[2]) for p in (tmp_path / "a" / test / "normal").iterdir()]
        assert len(rows) == 9 and min(rows) >= 96 - 32
    materials = {p.stem.split("-")[0] for p in (tmp_path / "a" / "test-material" / "anomalous").iterdir()}
    assert materials == {"brick", "grass"}
    kinds = {p.stem.split("-")[0] for p in (tmp_path / "a" / "test-defect" / "anomalous").iterdir()}
    assert kinds == {"scratch", "blob", "paste"}
    normal = Image.open(tmp_path / "a" / "test-defect" / "normal" / sorted(
        (tmp_path / "a" / "test-defect" / "normal").iterdir())[0].name)
    top, left = (int(v) for v in Path(normal.filename).stem.split("-")[2:4])
    assert np.array_equal(np.asarray(normal), photos["gravel"][top:top + 16, left:left + 16])
