"""Cookie Inspector: real-time visual inspection with an autoencoder trained on good products."""

__version__ = "0.1.0"
