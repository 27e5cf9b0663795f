"""The model: architectures, training, augmentation, the bundle on disk, threshold calibration."""
