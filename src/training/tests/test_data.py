"""Loading patches (Fashion-MNIST IDX, PNG folders, .npy/.npz), the pixel mapping and the one-class split."""
import gzip
import struct

import numpy as np
import pytest
from PIL import Image

from anogan_train import data


def write_idx(path, array):
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    with gzip.open(path, "wb") as fh:
        fh.write(header + array.astype(np.uint8).tobytes())


def test_fashion_mnist_from_debian_package():
    test = data.load_fashion_mnist("test")
    assert test.images.shape == (10000, 1, 28, 28) and test.images.dtype == np.uint8
    assert np.bincount(test.labels).tolist() == [1000] * 10
    assert data.fashion_mnist_normal_class(3).shape == (6000, 1, 28, 28)


def test_idx_round_trip_and_truncation(tmp_path):
    images = np.random.default_rng(0).integers(0, 256, (5, 28, 28))
    write_idx(tmp_path / "a.gz", images)
    assert np.array_equal(data.read_idx(tmp_path / "a.gz"), images)
    with gzip.open(tmp_path / "a.gz", "rb") as fh:
        raw = fh.read()
    with gzip.open(tmp_path / "b.gz", "wb") as fh:
        fh.write(raw[:-10])
    with pytest.raises(data.DataError, match="b.gz: header says"):
        data.read_idx(tmp_path / "b.gz")


def test_missing_data_file_is_a_clear_error(tmp_path):
    with pytest.raises(data.DataError, match="IDX file not found: .*train-images"):
        data.load_fashion_mnist("train", tmp_path)
    with pytest.raises(data.DataError, match="patch array not found"):
        data.load_patches(tmp_path / "none.npy")


def test_unknown_class_is_a_clear_error():
    with pytest.raises(data.DataError, match="unknown Fashion-MNIST class 10: expected 0..9"):
        data.fashion_mnist_normal_class(10)


def test_png_folders_grayscale_and_rgb(tmp_path):
    rng = np.random.default_rng(0)
    gray, rgb = tmp_path / "gray", tmp_path / "rgb"
    gray.mkdir(), rgb.mkdir()
    g = rng.integers(0, 256, (3, 40, 40), dtype=np.uint8)
    c = rng.integers(0, 256, (2, 48, 48, 3), dtype=np.uint8)
    for i, img in enumerate(g):
        Image.fromarray(img).save(gray / f"{i}.png")
    for i, img in enumerate(c):
        Image.fromarray(img).save(rgb / f"{i}.png")
    assert np.array_equal(data.load_patches(gray), g[:, None])
    assert np.array_equal(data.load_patches(rgb), c.transpose(0, 3, 1, 2))


def test_arrays_npy_npz_and_layouts(tmp_path):
    a = np.random.default_rng(0).random((4, 32, 32, 3), dtype=np.float32)
    np.save(tmp_path / "a.npy", a)
    np.savez(tmp_path / "a.npz", images=a.transpose(0, 3, 1, 2), other=np.zeros(1))
    assert data.load_patches(tmp_path / "a.npy").shape == (4, 3, 32, 32)
    assert np.array_equal(data.load_patches(tmp_path / "a.npz"), a.transpose(0, 3, 1, 2))


@pytest.mark.parametrize("shape,message", [
    ((4, 30, 32), "must be square, got 30x32"),
    ((4, 6, 6), "patch size 6 outside the supported 8..128"),
    ((4, 2, 32, 32), r"expected images shaped"),
])
def test_wrong_image_size_is_a_clear_error(tmp_path, shape, message):
    np.save(tmp_path / "bad.npy", np.zeros(shape, dtype=np.uint8))
    with pytest.raises(data.DataError, match=message):
        data.load_patches(tmp_path / "bad.npy")


def test_pixel_mapping_scales_and_pads():
    mapping = data.PixelMapping.for_size(28)
    assert (mapping.model_size, mapping.pad_before, mapping.pad_after) == (32, 2, 2)
    raw = np.full((1, 1, 28, 28), 255, dtype=np.uint8)
    raw[0, 0, 0, 0] = 0
    x = mapping.apply(raw)
    assert x.shape == (1, 1, 32, 32) and x.dtype == np.float32
    assert x[0, 0, 2, 2] == -1.0 and x[0, 0, 2, 3] == 1.0 and x[0, 0, 0, 0] == -1.0
    wide = np.full((1, 1, 28, 28), 65535, dtype=np.uint16)
    assert mapping.apply(wide)[0, 0, 10, 10] == 1.0
    assert data.PixelMapping.for_size(48).model_size == 64
    with pytest.raises(data.DataError, match="does not match the model's 28"):
        mapping.apply(np.zeros((1, 1, 32, 32), dtype=np.uint8))


def test_validation_split_is_disjoint_and_repeatable():
    images = np.arange(100)[:, None, None, None] * np.ones((1, 1, 16, 16), dtype=np.int64)
    a, b = data.split_normal(images.astype(np.uint8), 0.1, 7), data.split_normal(images.astype(np.uint8), 0.1, 7)
    assert len(a.validation) == 10 and len(a.calibration) == 20 and len(a.train) == 70 and a.test is None
    for part in ("train", "validation", "calibration"):
        assert np.array_equal(getattr(a, part), getattr(b, part))
    ids = [set(p[:, 0, 0, 0].tolist()) for p in (a.train, a.validation, a.calibration)]
    assert not (ids[0] & ids[1] or ids[0] & ids[2] or ids[1] & ids[2]) and set().union(*ids) == set(range(100))
    c, d = (data.split_normal(images.astype(np.uint8), 0.1, 7, test_fraction=0.1) for _ in range(2))
    assert [len(c.train), len(c.validation), len(c.calibration), len(c.test)] == [60, 10, 20, 10]
    for part in ("train", "validation", "calibration", "test"):
        assert np.array_equal(getattr(c, part), getattr(d, part))
    ids = [set(p[:, 0, 0, 0].tolist()) for p in (c.train, c.validation, c.calibration, c.test)]
    assert all(not (ids[i] & ids[j]) for i in range(4) for j in range(i + 1, 4))
    assert set().union(*ids) == set(range(100))
