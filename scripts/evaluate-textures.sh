#!/usr/bin/env bash
# Checks on texture photos the design never saw (scikit-image's brick and gravel; grass is the development photo).
# For each photo in NORMALS and each seed:
# * patches, a stand-in for a user's own patches (anogan_train.textures): train on the photo's patches as a user
#   would (`train --data FOLDER`, the trainer's defaults), then evaluate every method beside the kNN-5 and PCA
#   baselines on two labelled test sets: patches of another material, and patches with a synthetic defect
#   (docs/evaluation/textures-NORMAL-seed-S-{material,defect}.json);
# * images, the grass development set's protocol on that photo (anogan_train.grass --photo; trained as
#   scripts/build-grass-bundle.sh trains the grass bundle): image- and pixel-level AUROC beside the kNN-5 and PCA
#   pipelines (docs/evaluation/images-NORMAL-seed-S.json).
# Resumable (an existing run is resumed, finished evaluations are skipped).
#
#   NORMALS="brick gravel" SEEDS=0 MODES="patches images" RUNS=runs scripts/evaluate-textures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
NORMALS=${NORMALS:-"brick gravel"}
SEEDS=${SEEDS:-0}
MODES=${MODES:-"patches images"}
RUNS=${RUNS:-runs}
PY=${PYTHON:-/usr/bin/python3}
export PYTHONPATH=src/training
train() { "$PY" -m anogan_train --threads 1 "$@"; }
mkdir -p "$RUNS" docs/evaluation
for seed in $SEEDS; do
  for normal in $NORMALS; do
    if [[ " $MODES " == *" patches "* ]]; then
      data="$RUNS/textures-$normal-data"
      run="$RUNS/textures-$normal-s$seed"
      [ -d "$data" ] || "$PY" -m anogan_train.textures "$data" --normal "$normal"
      train train --run-dir "$run" --data "$data/train" --seed "$seed" --quiet
      for test in material defect; do
        result="docs/evaluation/textures-$normal-seed-$seed-$test.json"
        [ -f "$result" ] && { echo "$result exists, skipped"; continue; }
        train evaluate --run-dir "$run" --test-data "$data/test-$test" --quiet --json "$result.tmp"
        mv "$result.tmp" "$result"
      done
    fi
    if [[ " $MODES " == *" images "* ]]; then
      data="$RUNS/images-$normal-data"
      run="$RUNS/images-$normal-s$seed"
      result="docs/evaluation/images-$normal-seed-$seed.json"
      [ -d "$data" ] || "$PY" -m anogan_train.grass "$data" --photo "$normal"
      train train --run-dir "$run" --images "$data/train" --patch-size 32 --stride 16 --seed "$seed" --min-steps 2000 \
        --quiet
      [ -f "$result" ] && { echo "$result exists, skipped"; continue; }
      train evaluate --run-dir "$run" --test-images "$data/test" --quiet --json "$result.tmp"
      mv "$result.tmp" "$result"
    fi
  done
done
