#!/usr/bin/env bash
# A stand-in for a user's own patches (anogan_train.textures): for each of scikit-image's texture photos named in
# NORMALS, train on its patches as a user would (`train --data FOLDER`, the trainer's defaults), then evaluate every
# method beside the kNN-5 and PCA baselines on two labelled test sets: patches of another material, and patches
# of the same photo with a synthetic defect. JSON in docs/evaluation/textures-NORMAL-seed-S-{material,defect}.json.
# Resumable (an existing run is resumed, finished evaluations are skipped).
#
#   NORMALS="brick gravel" SEEDS=0 RUNS=runs scripts/evaluate-textures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
NORMALS=${NORMALS:-"brick gravel"}
SEEDS=${SEEDS:-0}
RUNS=${RUNS:-runs}
PY=${PYTHON:-/usr/bin/python3}
export PYTHONPATH=src/training
mkdir -p "$RUNS" docs/evaluation
for seed in $SEEDS; do
  for normal in $NORMALS; do
    data="$RUNS/textures-$normal-data"
    run="$RUNS/textures-$normal-s$seed"
    [ -d "$data" ] || "$PY" -m anogan_train.textures "$data" --normal "$normal"
    "$PY" -m anogan_train --threads 1 train --run-dir "$run" --data "$data/train" --seed "$seed" --quiet
    for test in material defect; do
      result="docs/evaluation/textures-$normal-seed-$seed-$test.json"
      [ -f "$result" ] && { echo "$result exists, skipped"; continue; }
      "$PY" -m anogan_train --threads 1 evaluate --run-dir "$run" --test-data "$data/test-$test" --quiet \
        --json "$result.tmp"
      mv "$result.tmp" "$result"
    done
  done
done
