"""The autoencoder networks, selected by name.

``seed`` is the network of the original cookie article, exactly: it must stay available as written.
``default`` is Cookie Inspector's compact network for live use: fully convolutional with a narrow spatial
bottleneck, a fraction of the seed's size and compute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cookie_inspector.core.frames.preprocess import INPUT_SIZE
from cookie_inspector.core.model.tf_setup import keras

layers = keras.layers


@dataclass(frozen=True)
class TrainingDefaults:
    """How an architecture is trained unless the user says otherwise."""

    epochs: int
    batch_size: int
    learning_rate: float
    repair: bool = False
    """Train to remove synthetic blemishes (see ``core/model/augment.py``) rather than to copy the image."""


@dataclass(frozen=True)
class Architecture:
    """A named network builder, the input sizes it accepts, and its training defaults."""

    name: str
    description: str
    size_multiple: int
    defaults: TrainingDefaults
    builder: Callable[[int], keras.Model]

    def build(self, size: int = INPUT_SIZE) -> keras.Model:
        """A fresh, untrained model for ``size`` x ``size`` x 3 input."""
        check_input_size(self, size)
        return self.builder(size)


def check_input_size(arch: Architecture, size: int) -> None:
    if size < arch.size_multiple or size % arch.size_multiple:
        raise ValueError(f"architecture {arch.name!r} needs an input size that is a multiple of {arch.size_multiple}")


def _build_seed(size: int) -> keras.Model:
    """The article's network: Conv 32-32-64/2-64/2-64, Dense(100) bottleneck, mirrored transposed decoder."""
    inputs = keras.Input(shape=(size, size, 3), name="image")
    x = inputs
    for filters, strides in ((32, 1), (32, 1), (64, 2), (64, 2), (64, 1)):
        x = layers.Conv2D(filters, 3, strides=strides, padding="same")(x)
        x = layers.LeakyReLU()(x)
    encoded_shape = tuple(x.shape[1:])
    x = layers.Flatten()(x)
    latent = layers.Dense(100, name="bottleneck")(x)
    x = layers.Dense(encoded_shape[0] * encoded_shape[1] * encoded_shape[2])(latent)
    x = layers.Reshape(encoded_shape)(x)
    for filters, strides in ((64, 1), (64, 2), (32, 2), (32, 1)):
        x = layers.Conv2DTranspose(filters, 3, strides=strides, padding="same")(x)
        x = layers.LeakyReLU()(x)
    outputs = layers.Conv2DTranspose(3, 3, padding="same", activation="sigmoid", name="reconstruction")(x)
    return keras.Model(inputs, outputs, name="seed")


def _build_default(size: int) -> keras.Model:
    """Compact autoencoder with a local and a global path.

    Strided convolutions bring the image to 1/12 scale. There the *local* path keeps an 8-channel map (narrow
    enough that a defect is not copied), and the *global* path squeezes the whole picture to 5 x 5 and then to 128
    numbers: where the product is, how big, how lit. The decoder gets both, so it can paint cookie where the
    global shape says a cookie belongs even when the local picture shows belt (a missing piece). Striding from the
    first layer and straight back to three channels at the last keeps full-resolution work small; transposed
    kernels of 4 at stride 2 avoid checkerboard artefacts.
    """
    inputs = keras.Input(shape=(size, size, 3), name="image")
    x = inputs
    for filters, kernel, strides in ((32, 3, 2), (64, 3, 2), (64, 3, 1), (128, 3, 3), (128, 3, 1)):
        x = layers.Conv2D(filters, kernel, strides=strides, padding="same")(x)
        x = layers.LeakyReLU()(x)
    grid = size // 12
    local = layers.Conv2D(8, 1, name="bottleneck")(x)
    g = layers.Conv2D(128, 3, strides=5, padding="same")(x)
    g = layers.LeakyReLU()(g)
    coarse = tuple(g.shape[1:3])
    g = layers.Flatten()(g)
    g = layers.Dense(128, name="global_bottleneck")(g)
    g = layers.Dense(coarse[0] * coarse[1] * 64)(g)
    g = layers.LeakyReLU()(g)
    g = layers.Reshape((*coarse, 64))(g)
    g = layers.Resizing(grid, grid, interpolation="bilinear")(g)
    x = layers.Concatenate()([local, g])
    x = layers.Conv2D(128, 1)(x)
    x = layers.LeakyReLU()(x)
    for filters, kernel, strides in ((128, 3, 1), (64, 3, 3), (64, 3, 1), (32, 4, 2)):
        x = layers.Conv2DTranspose(filters, kernel, strides=strides, padding="same")(x)
        x = layers.LeakyReLU()(x)
    outputs = layers.Conv2DTranspose(3, 4, strides=2, padding="same", activation="sigmoid", name="reconstruction")(x)
    return keras.Model(inputs, outputs, name="default")


ARCHITECTURES: dict[str, Architecture] = {
    "seed": Architecture(
        name="seed",
        description="the original article's network (Dense(100) bottleneck, 72.6 M parameters at 300 x 300)",
        size_multiple=4,
        defaults=TrainingDefaults(epochs=50, batch_size=8, learning_rate=5e-4),
        builder=_build_seed,
    ),
    "default": Architecture(
        name="default",
        description="compact fully convolutional network for live inspection",
        size_multiple=12,
        defaults=TrainingDefaults(epochs=50, batch_size=8, learning_rate=1e-3, repair=True),
        builder=_build_default,
    ),
}


def get_architecture(name: str) -> Architecture:
    """The architecture called ``name``; an unknown name is a ``ValueError`` listing the known ones."""
    try:
        return ARCHITECTURES[name]
    except KeyError:
        known = ", ".join(sorted(ARCHITECTURES))
        raise ValueError(f"unknown architecture {name!r} (known: {known})") from None


def build_model(name: str, size: int = INPUT_SIZE) -> keras.Model:
    """A fresh, untrained model of the named architecture."""
    return get_architecture(name).build(size)
