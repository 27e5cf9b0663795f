#!/usr/bin/env bash
# Build the one-folder bundles with PyInstaller, on Linux (Windows: see packaging/README.md):
#   dist/cookie-inspector/       the full bundle: the window, the line, training (TensorFlow)
#   dist/cookie-inspector-line/  the line bundle: the same without TensorFlow; models run with their LiteRT export
# `packaging/build.sh full` or `packaging/build.sh line` builds one of them.
# Uses the project's .venv (made and filled with the app's requirements when missing) or $PYTHON.
# Prints each build's time and size; then run packaging/smoke_test.py (and --line) to try them.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
if [ ! -x "$PYTHON" ]; then
    python3 -m venv .venv
    PYTHON=.venv/bin/python
    "$PYTHON" -m pip install -q -e .
fi
"$PYTHON" -m pip install -q "pyinstaller>=6.10"
for kind in ${1:-full line}; do
    name=cookie-inspector; [ "$kind" = line ] && name=cookie-inspector-line
    start=$(date +%s)
    COOKIE_INSPECTOR_BUNDLE=$kind "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath dist --workpath "build/pyinstaller-$kind" packaging/cookie_inspector.spec
    seconds=$(( $(date +%s) - start ))
    size=$(du -sm "dist/$name" | cut -f1)
    echo "built dist/$name in ${seconds} s: ${size} MB"
done
