"""The networks, selected by name.

Two families. The *pixel* networks rebuild the image itself: ``seed`` is the network of the original cookie
article, exactly (it must stay available as written), and ``pixel`` is Cookie Inspector's compact pixel network of
the first release (trained to repair synthetic blemishes). The *feature* networks stand on the frozen
ImageNet-pretrained EfficientNet-Lite0 (:mod:`cookie_inspector.core.model.backbone`): its feature maps go to a
head fitted on good samples only (:mod:`cookie_inspector.core.model.heads`) that scores every position.

``default`` is not a network of its own but a name for the one new models get when nothing is said
(:data:`DEFAULT_ARCHITECTURE`); a bundle always records the real name. Bundles written before the feature networks
existed say ``default`` for the pixel network, and :func:`legacy_name` reads them so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cookie_inspector.core.frames.preprocess import INPUT_SIZE
from cookie_inspector.core.model.features import FeatureSpec
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
    builder: Callable[[int], keras.Model] | None = None
    """Pixel networks: the untrained network for an input size."""
    head: str | None = None
    """Feature networks: the head (see :data:`cookie_inspector.core.model.heads.HEADS`)."""
    features: FeatureSpec | None = None

    @property
    def family(self) -> str:
        """``pixel`` (the network rebuilds the image) or ``features`` (a head scores the backbone's features)."""
        return "features" if self.head else "pixel"

    def build(self, size: int = INPUT_SIZE) -> keras.Model:
        """A fresh, untrained model for ``size`` x ``size`` x 3 input (pixel networks only)."""
        check_input_size(self, size)
        if self.builder is None:
            raise ValueError(f"{self.name} is fitted on features, not built untrained (see model.training)")
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


def _build_pixel(size: int) -> keras.Model:
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


FEATURES = FeatureSpec()
HEAD_DEFAULTS = TrainingDefaults(epochs=1, batch_size=8, learning_rate=1e-3)
"""Heads fitted in one pass (Gaussian, memory): epochs and learning rate do not apply."""

ARCHITECTURES: dict[str, Architecture] = {
    "seed": Architecture(
        name="seed",
        description="the original article's network (Dense(100) bottleneck, 72.6 M parameters at 300 x 300)",
        size_multiple=4,
        defaults=TrainingDefaults(epochs=50, batch_size=8, learning_rate=5e-4),
        builder=_build_seed,
    ),
    "pixel": Architecture(
        name="pixel",
        description="compact pixel autoencoder of the first release, trained to repair synthetic blemishes",
        size_multiple=12,
        defaults=TrainingDefaults(epochs=50, batch_size=8, learning_rate=1e-3, repair=True),
        builder=_build_pixel,
    ),
}


def _feature_model(name: str, head: str, description: str, defaults: TrainingDefaults = HEAD_DEFAULTS) -> Architecture:
    return Architecture(name=name, description=f"ImageNet EfficientNet-Lite0 features, {description}", size_multiple=4,
                        defaults=defaults, head=head, features=FEATURES)  # fmt: skip


ARCHITECTURES.update(
    (arch.name, arch)
    for arch in (
        # the autoencoder's epochs follow the number of samples (training.autoencoder_epochs) unless given
        _feature_model(
            "feature-ae",
            "autoencoder",
            "rebuilt by a small autoencoder",
            TrainingDefaults(epochs=60, batch_size=8, learning_rate=2e-3),
        ),  # fmt: skip
        _feature_model("feature-gaussian", "gaussian", "a Gaussian per position (Mahalanobis distance)"),
        _feature_model("feature-memory", "memory", "distance to the nearest good patch (coreset memory)"),
        _feature_model("feature-ensemble", "ensemble", "the Gaussian and the memory heads together (weighted)"),
        _feature_model("feature-auto", "auto", "the head and score chosen for the product from its good samples"),
    )
)

DEFAULT_ARCHITECTURE = "feature-auto"
"""What ``default`` means for a new model: the head and the score chosen for the product from its good samples
(``benchmarks/model_choice.py`` and ``benchmarks/operating_point.py --archs feature-ensemble feature-auto``; the fixed
``feature-ensemble`` was the default before, chosen by ``benchmarks/quality.py``)."""

LEGACY_DEFAULT = "pixel"
"""What ``default`` meant in bundles written before the feature networks (bundle format 1)."""


def get_architecture(name: str) -> Architecture:
    """The architecture called ``name`` (``default``: :data:`DEFAULT_ARCHITECTURE`); an unknown name is a
    ``ValueError`` listing the known ones."""
    if name == "default":
        name = DEFAULT_ARCHITECTURE
    try:
        return ARCHITECTURES[name]
    except KeyError:
        known = ", ".join(["default", *sorted(ARCHITECTURES)])
        raise ValueError(f"unknown architecture {name!r} (known: {known})") from None


def build_model(name: str, size: int = INPUT_SIZE) -> keras.Model:
    """A fresh, untrained model of the named architecture."""
    return get_architecture(name).build(size)
