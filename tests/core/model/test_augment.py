"""Repair training's synthetic blemishes: they change part of the image, never all of it, and vary."""

import numpy as np

from cookie_inspector.core.model.architectures import get_architecture
from cookie_inspector.core.model.augment import RepairBatches, corrupt
from cookie_inspector.core.model.training import TrainingConfig
from tests.imagegen import good_image


def _image(seed: int, size: int = 96) -> np.ndarray:
    return good_image(np.random.default_rng(seed), size)[..., ::-1].astype(np.float32) / 255.0


def test_a_blemish_changes_part_of_the_image_and_stays_in_range():
    rng = np.random.default_rng(0)
    image = _image(1)
    changed_shares = []
    for _ in range(40):
        out = corrupt(image, rng)
        assert out.shape == image.shape and out.dtype == np.float32
        assert out.min() >= 0.0 and out.max() <= 1.0
        changed_shares.append((np.abs(out - image).max(axis=2) > 0.02).mean())
    assert min(changed_shares) > 0.0  # every call leaves a mark
    assert np.median(changed_shares) < 0.25  # mostly the image stays as it was
    assert np.std(changed_shares) > 0.01  # from specks to large patches


def test_batches_pair_blemished_inputs_with_clean_targets():
    images = np.stack([_image(i) for i in range(10)])
    batches = RepairBatches(images, batch_size=4, seed=0, clean_share=0.0)
    assert len(batches) == 3
    seen = []
    for index in range(len(batches)):
        noisy, clean = batches[index]
        assert noisy.shape == clean.shape
        assert all(any(np.array_equal(c, img) for img in images) for c in clean)
        assert all(not np.array_equal(n, c) for n, c in zip(noisy, clean, strict=True))
        seen += [c.tobytes() for c in clean]
    assert len(set(seen)) == 10  # an epoch visits every image once


def test_default_trains_to_repair_and_the_seed_as_the_article_did():
    assert get_architecture("pixel").defaults.repair is True
    assert get_architecture("seed").defaults.repair is False
    assert TrainingConfig(architecture="seed").resolved().repair is False
    assert TrainingConfig(architecture="pixel", repair=False).resolved().repair is False
