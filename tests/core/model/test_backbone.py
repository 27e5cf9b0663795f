"""The ImageNet backbone: the weights file read without PyTorch (and nothing else run from it), the network built
in Keras naming real photographs for what they are, and the feature maps the heads score."""

from __future__ import annotations

import collections
import pickle
import struct
import sys
import types
from pathlib import Path

import cv2
import numpy as np
import pytest
from skimage import data as skimage_data  # a test extra: real photographs of a cat and a cup of coffee

from cookie_inspector.core.model.backbone import (
    BLOCKS,
    build_efficientnet_lite0,
    pretrained_efficientnet_lite0,
    tap_stride,
    weights_file,
)
from cookie_inspector.core.model.features import FeatureSpec, build_feature_extractor
from cookie_inspector.core.model.torch_weights import LEGACY_MAGIC, WeightsError, read_state_dict


def _square(image: np.ndarray, size: int = 224) -> np.ndarray:
    """The centred square of an RGB uint8 photo at ``size`` pixels, as float RGB in [0, 1]."""
    h, w = image.shape[:2]
    side = min(h, w)
    y, x = (h - side) // 2, (w - side) // 2
    return cv2.resize(image[y : y + side, x : x + side], (size, size), interpolation=cv2.INTER_AREA) / 255.0


@pytest.fixture(scope="module")
def classifier():
    return pretrained_efficientnet_lite0(224)


def test_the_converted_network_names_real_photographs(classifier):
    photos = np.stack([_square(skimage_data.chelsea()), _square(skimage_data.coffee())]).astype(np.float32)
    cat, coffee = classifier.predict(photos, verbose=0)
    assert 281 <= int(np.argmax(cat)) <= 285  # tabby, tiger cat, Persian, Siamese, Egyptian cat
    assert cat[281:286].sum() > 0.8
    assert int(np.argmax(coffee)) in {967, 968, 504}  # espresso, cup, coffee mug
    assert coffee[[967, 968, 504]].sum() > 0.8


def test_the_shipped_weights_file_is_a_legacy_state_dict_of_the_whole_network():
    state = read_state_dict(weights_file())
    assert state["_conv_stem.weight"].shape == (32, 3, 3, 3)
    assert state["_fc.weight"].shape == (1000, 1280)
    assert sum(1 for name in state if name.endswith("_project_conv.weight")) == len(BLOCKS)
    assert all(array.flags.c_contiguous for array in state.values())


def _write_legacy(path: Path, tensors: dict[str, tuple[np.ndarray, int, tuple, tuple]]) -> None:
    """A legacy-format file as PyTorch writes it, without PyTorch: stand-in torch modules only while pickling."""
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    def _rebuild_tensor_v2(*args):  # pragma: no cover - never called, only named
        raise AssertionError

    class FloatStorage:
        pass

    _rebuild_tensor_v2.__module__, _rebuild_tensor_v2.__qualname__ = "torch._utils", "_rebuild_tensor_v2"
    FloatStorage.__module__, FloatStorage.__qualname__ = "torch", "FloatStorage"
    utils._rebuild_tensor_v2, torch.FloatStorage, torch._utils = _rebuild_tensor_v2, FloatStorage, utils

    class Ref:
        def __init__(self, key, storage, offset, shape, strides):
            self.args = (("storage", FloatStorage, key, "cpu", storage.size, None), offset, shape, strides, False,
                         collections.OrderedDict())  # fmt: skip

        def __reduce__(self):
            return _rebuild_tensor_v2, self.args

    class Writer(pickle.Pickler):
        def persistent_id(self, obj):
            return obj if isinstance(obj, tuple) and obj[:1] == ("storage",) else None

    saved = {name: sys.modules.get(name) for name in ("torch", "torch._utils")}
    sys.modules.update({"torch": torch, "torch._utils": utils})
    try:
        with open(path, "wb") as f:
            for header in (LEGACY_MAGIC, 1001, {"protocol_version": 1001, "little_endian": True}):
                pickle.dump(header, f, protocol=2)
            state = collections.OrderedDict(
                (name, Ref(f"k{i}", storage, offset, shape, strides))
                for i, (name, (storage, offset, shape, strides)) in enumerate(tensors.items())
            )
            Writer(f, protocol=2).dump(state)
            pickle.dump([f"k{i}" for i in range(len(tensors))], f, protocol=2)
            for storage, *_ in tensors.values():
                f.write(struct.pack("<q", storage.size) + storage.astype("<f4").tobytes())
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def test_views_with_offsets_and_strides_come_back_as_the_tensors_they_describe(tmp_path):
    storage = np.arange(24, dtype=np.float32)
    path = tmp_path / "small.pth"
    _write_legacy(path, {"plain": (storage, 0, (2, 3), (3, 1)), "transposed": (storage, 0, (3, 2), (1, 3)),
                         "offset": (storage, 6, (2, 2), (4, 1)), "scalar": (storage, 5, (), ())})  # fmt: skip
    state = read_state_dict(path)
    np.testing.assert_array_equal(state["plain"], storage[:6].reshape(2, 3))
    np.testing.assert_array_equal(state["transposed"], storage[:6].reshape(2, 3).T)
    np.testing.assert_array_equal(state["offset"], [[6, 7], [10, 11]])
    assert state["scalar"].shape == () and float(state["scalar"]) == 5.0


class _Payload:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        import os

        return os.system, (f"touch {self.marker}",)


def test_a_weights_file_that_asks_for_any_other_name_is_refused_and_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    path = tmp_path / "tampered.pth"
    with open(path, "wb") as f:
        pickle.dump(LEGACY_MAGIC, f, protocol=2)
        pickle.dump(1001, f, protocol=2)
        pickle.dump({"little_endian": True}, f, protocol=2)
        pickle.dump(collections.OrderedDict(weight=_Payload(marker)), f, protocol=2)
    with pytest.raises(WeightsError, match=r"refused: .*(posix|os|nt)\.system"):
        read_state_dict(path)
    assert not marker.exists()


@pytest.mark.parametrize(
    "content, message",
    [(b"", "damaged or not a PyTorch"), (b"PK\x03\x04 zip", "damaged or not a PyTorch"),
     (pickle.dumps(12345), "not a legacy-format")],
)  # fmt: skip
def test_damaged_or_foreign_files_get_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.pth"
    path.write_bytes(content)
    with pytest.raises(WeightsError, match=message):
        read_state_dict(path)


def test_a_truncated_weights_file_is_reported_as_truncated(tmp_path):
    path = tmp_path / "cut.pth"
    _write_legacy(path, {"w": (np.arange(10, dtype=np.float32), 0, (10,), (1,))})
    path.write_bytes(path.read_bytes()[:-8])
    with pytest.raises(WeightsError, match="truncated"):
        read_state_dict(path)


def test_feature_maps_stack_both_scales_on_the_stride_8_grid():
    spec = FeatureSpec(backbone_size=96)
    extractor = build_feature_extractor(64, spec, pretrained=False)
    channels = BLOCKS[4].filters + BLOCKS[10].filters
    assert tap_stride("stride8") == 8 and tap_stride("stride16") == 16
    assert extractor.output_shape == (None, 12, 12, channels)
    assert not extractor.trainable


def test_a_truncated_backbone_takes_its_part_of_the_weights():
    from cookie_inspector.core.model.backbone import load_imagenet_weights

    part = load_imagenet_weights(build_efficientnet_lite0(64, last_block=4))
    state = read_state_dict(weights_file())
    np.testing.assert_array_equal(part.get_layer("stem").get_weights()[0],
                                  state["_conv_stem.weight"].transpose(2, 3, 1, 0))  # fmt: skip
