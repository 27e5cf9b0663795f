"""The autoencoder networks, selected by name.

``seed`` is the network of the original cookie article, exactly: it must stay available as written.
``default`` is Cookie Inspector's compact network for live use: fully convolutional with a narrow spatial
bottleneck, a fraction of the seed's size and compute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cookie_inspector.core.preprocess import INPUT_SIZE
from cookie_inspector.core.tf_setup import keras

layers = keras.layers


@dataclass(frozen=True)
class TrainingDefaults:
    """How an architecture is trained unless the user says otherwise."""

    epochs: int
    batch_size: int
    learning_rate: float


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
    """Compact autoencoder: strided convolutions down to 1/12 scale, an 8-channel bottleneck, and back.

    Striding from the first layer and straight back to three channels at the last keeps full-resolution work
    small (the seed spends most of its time at 300 x 300 x 32); transposed kernels of 4 at stride 2 avoid
    checkerboard artefacts; the 8-channel bottleneck at 1/12 scale is narrow enough that a defect is not copied.
    """
    inputs = keras.Input(shape=(size, size, 3), name="image")
    x = inputs
    for filters, kernel, strides in ((32, 3, 2), (64, 3, 2), (64, 3, 1), (128, 3, 3), (128, 3, 1)):
        x = layers.Conv2D(filters, kernel, strides=strides, padding="same")(x)
        x = layers.LeakyReLU()(x)
    latent = layers.Conv2D(8, 1, name="bottleneck")(x)
    x = layers.Conv2D(128, 1)(latent)
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
        defaults=TrainingDefaults(epochs=50, batch_size=8, learning_rate=1e-3),
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
