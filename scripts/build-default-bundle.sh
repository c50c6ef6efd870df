#!/usr/bin/env bash
# Rebuild the committed default bundle from a finished Fashion-MNIST run and its evaluation, and keep
# the run's weights as the PyTorch reference of the scoring benchmark.
#   scripts/build-default-bundle.sh [RUN_DIR]     (default runs/c1-s0: class 1, Trouser, normal, seed 0)
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-runs/c1-s0}
read -r class seed < <(/usr/bin/python3 -c "import json; c = json.load(open('$run/config.json')); print(c['normal_class'], c['seed'])")
bundle=src/main/resources/bundles/default
reference=src/training/reference/default-run
rm -rf "$bundle" "$reference"
PYTHONPATH=src/training /usr/bin/python3 -m anogan_train export --run-dir "$run" --out "$bundle" \
  --evaluation "docs/evaluation/class-$class-seed-$seed.json" --quiet
mkdir -p "$reference"
cp "$run/config.json" "$run/models.pt" "$run/training.json" "$reference/"
for stage in gan encoder bigan; do
  mkdir -p "$reference/$stage"
  cp "$run/$stage/epochs.csv" "$run/$stage/selected.json" "$reference/$stage/"
done
PYTHONPATH=src/training /usr/bin/python3 -m anogan_train validate "$bundle"
