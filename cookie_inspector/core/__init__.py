"""Everything Cookie Inspector can do without a window: preprocessing, models, training, inspection, evaluation.

This package never imports Qt or pyqtgraph (a contract in pyproject.toml and a test keep it so), so the CLI,
the benchmarks, the tests and the GUI all run the very same code.
"""
