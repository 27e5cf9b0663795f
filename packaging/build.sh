#!/usr/bin/env bash
# Build the one-folder bundle dist/cookie-inspector/ with PyInstaller, on Linux (Windows: see packaging/README.md).
# Uses the project's .venv (made and filled with the app's requirements when missing) or $PYTHON.
# Prints the build time and the bundle's size; then run packaging/smoke_test.py to try the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
if [ ! -x "$PYTHON" ]; then
    python3 -m venv .venv
    PYTHON=.venv/bin/python
    "$PYTHON" -m pip install -q -e .
fi
"$PYTHON" -m pip install -q "pyinstaller>=6.10"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/cookie_inspector.spec
seconds=$(( $(date +%s) - start ))
size=$(du -sm dist/cookie-inspector | cut -f1)
echo "built dist/cookie-inspector in ${seconds} s: ${size} MB"
