"""The feature maps the feature models score: the frozen backbone's outputs at two scales, on one grid.

The image (the model's input, 300 x 300 by default) is resized to the backbone's working size (288), run through
EfficientNet-Lite0 up to its stride-16 blocks, and the outputs of the last block at stride 8 and at stride 16 are
each averaged over a 3 x 3 neighbourhood (a patch then describes its surroundings, not one receptive field); the
coarse map is upsampled onto the fine one and the two are stacked. Each grid cell of the result (36 x 36 at the
working size of 288) is one patch the heads judge. A head may ask for the same maps without the average (``pool``
1): a speck a few pixels wide is then not diluted by its good neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

from cookie_inspector.core.model.backbone import TAPS, backbone_blocks, load_imagenet_weights, tap_stride
from cookie_inspector.core.model.tf_setup import keras

layers = keras.layers


@dataclass(frozen=True)
class FeatureSpec:
    """Where the features come from; stored in a bundle's metadata."""

    backbone_size: int = 288
    taps: tuple[str, ...] = ("stride8", "stride16")
    pool: int = 3
    """Side of the neighbourhood each tap is averaged over (1: none); an ensemble's members may differ."""

    @property
    def grid(self) -> int:
        """Side of the feature grid (the finest tap's)."""
        stride = min(tap_stride(tap) for tap in self.taps)
        return -(-self.backbone_size // stride)

    def to_dict(self) -> dict:
        return {"backbone": "efficientnet-lite0", "weights": "imagenet", "backbone_size": self.backbone_size,
                "taps": list(self.taps), "pool": self.pool}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict) -> FeatureSpec:
        return cls(int(data["backbone_size"]), tuple(str(t) for t in data["taps"]), int(data.get("pool", 3)))


def feature_layers(image, spec: FeatureSpec, pools: tuple[int, ...] | None = None) -> dict:
    """The stacked feature maps of an image tensor for each neighbourhood size in ``pools`` (default: the spec's),
    built into whichever model calls it; one backbone pass serves them all."""
    x = image
    if int(image.shape[1]) != spec.backbone_size:
        x = layers.Resizing(spec.backbone_size, spec.backbone_size, interpolation="bilinear", antialias=True,
                            name="to_backbone_size")(x)  # fmt: skip
    blocks = backbone_blocks(x, max(TAPS[tap] for tap in spec.taps))
    taps = sorted(spec.taps, key=tap_stride)
    grid = spec.grid
    stacks = {}
    for pool in pools or (spec.pool,):
        suffix = "" if pool == spec.pool else f"_pool{pool}"
        maps = []
        for tap in taps:
            y = blocks[TAPS[tap]]
            if pool > 1:
                y = layers.AveragePooling2D(pool, strides=1, padding="same", name=f"{tap}_pool{suffix}")(y)
            if int(y.shape[1]) != grid:
                y = layers.Resizing(grid, grid, interpolation="bilinear", name=f"{tap}_to_grid{suffix}")(y)
            maps.append(y)
        stacks[pool] = maps[0] if len(maps) == 1 else layers.Concatenate(name=f"features{suffix}")(maps)
    return stacks


def build_feature_extractor(size: int, spec: FeatureSpec, pretrained: bool = True,
                            pools: tuple[int, ...] | None = None) -> keras.Model:  # fmt: skip
    """image (size x size RGB in [0, 1]) -> feature map (grid x grid x channels), with ImageNet weights; with
    several ``pools``, one map for each, in that order."""
    inputs = keras.Input(shape=(size, size, 3), name="image")
    stacks = feature_layers(inputs, spec, pools)
    outputs = list(stacks.values())
    model = keras.Model(inputs, outputs[0] if len(outputs) == 1 else outputs, name="features")
    if pretrained:
        load_imagenet_weights(model)
    model.trainable = False
    return model
