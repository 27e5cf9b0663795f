from pathlib import Path

import pytest

from cookie_inspector.core.model.architectures import ARCHITECTURES, build_model, get_architecture
from cookie_inspector.core.model.tf_setup import keras

SEED_PARAMETERS = 72_565_031


def test_seed_is_the_article_network_exactly():
    model = build_model("seed", 300)
    assert model.count_params() == SEED_PARAMETERS
    convs = [layer for layer in model.layers if type(layer) is keras.layers.Conv2D]
    assert [(c.filters, c.strides, c.kernel_size) for c in convs] == [
        (32, (1, 1), (3, 3)),
        (32, (1, 1), (3, 3)),
        (64, (2, 2), (3, 3)),
        (64, (2, 2), (3, 3)),
        (64, (1, 1), (3, 3)),
    ]
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    assert dense[0].units == 100
    transposed = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2DTranspose)]
    assert [(t.filters, t.strides) for t in transposed] == [
        (64, (1, 1)),
        (64, (2, 2)),
        (32, (2, 2)),
        (32, (1, 1)),
        (3, (1, 1)),
    ]
    assert transposed[-1].activation.__name__ == "sigmoid"
    assert sum(isinstance(layer, keras.layers.LeakyReLU) for layer in model.layers) == 9
    assert model.input_shape == (None, 300, 300, 3) and model.output_shape == (None, 300, 300, 3)


def test_the_pixel_network_is_compact_and_an_autoencoder(tmp_path: Path):
    model = build_model("pixel", 300)
    assert model.output_shape == model.input_shape == (None, 300, 300, 3)
    assert model.count_params() < SEED_PARAMETERS / 20
    path = tmp_path / "default.keras"
    model.save(path)
    assert path.stat().st_size <= 20 * 1024 * 1024


@pytest.mark.parametrize("name", sorted(name for name, arch in ARCHITECTURES.items() if arch.family == "pixel"))
def test_every_pixel_network_builds_at_a_small_size(name):
    model = build_model(name, 96)
    assert model.output_shape == (None, 96, 96, 3)


def test_default_names_a_feature_model_and_old_default_bundles_mean_the_pixel_network():
    from cookie_inspector.core.model.architectures import DEFAULT_ARCHITECTURE, LEGACY_DEFAULT

    assert get_architecture("default").name == DEFAULT_ARCHITECTURE
    assert get_architecture("default").family == "features"
    assert get_architecture(LEGACY_DEFAULT).family == "pixel"
    with pytest.raises(ValueError, match="fitted on features"):
        build_model("default", 96)


def test_the_command_line_offers_every_architecture():
    from cookie_inspector.cli import ARCH_CHOICES

    assert set(ARCH_CHOICES) == {"default", *ARCHITECTURES}


def test_unknown_name_and_bad_size_are_explained():
    with pytest.raises(ValueError, match="known: default, feature-ae, .*, seed"):
        get_architecture("resnet")
    with pytest.raises(ValueError, match="multiple of 12"):
        build_model("pixel", 100)


def test_the_bundles_own_list_of_architectures_is_the_registrys():
    """A bundle's metadata is read without TensorFlow: its list of names by family must be the registry's."""
    from cookie_inspector.core.model.bundle import FEATURE_ARCHITECTURES, PIXEL_ARCHITECTURES

    assert set(PIXEL_ARCHITECTURES) == {n for n, a in ARCHITECTURES.items() if a.family == "pixel"}
    assert set(FEATURE_ARCHITECTURES) == {n for n, a in ARCHITECTURES.items() if a.family == "features"}
