#!/bin/sh
# Rebuild the demo model that ships in resources/demo_model: the default model (a head fitted on the ImageNet
# backbone's features) trained on 300 generated good sugar cookies, 10 from each of 30 demo stations (demo seeds
# 101-130: each station has its own belt and light, so the model knows the belt may differ, and it inspects the demo
# line of any seed). About two minutes on two CPU cores; the same cookies and seed give the same model. Training
# also writes its LiteRT export (model.tflite), which the line runs without TensorFlow.
#
#   packaging/build_demo_model.sh            (uses .venv/bin/python, or $PYTHON)
#
# Check it on cookies of stations it has never seen (another seed) with:
#   cookie-inspector demo-data /tmp/demo-check --seed 2 --train 0 --test-good 100 --test-defect 100
#   cookie-inspector evaluate /tmp/demo-check
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT INT TERM

mkdir -p "$work/good"
for seed in $(seq 101 130); do
  "$PYTHON" -m cookie_inspector demo-data "$work/station-$seed" --seed "$seed" --train 10 --test-good 0 --test-defect 0
  for f in "$work/station-$seed"/train/good/*.png; do cp "$f" "$work/good/$seed-$(basename "$f")"; done
done
"$PYTHON" -m cookie_inspector train "$work/good" --out "$work/demo_model" --seed 0
rm -rf resources/demo_model
cp -r "$work/demo_model" resources/demo_model
"$PYTHON" -m cookie_inspector info resources/demo_model
