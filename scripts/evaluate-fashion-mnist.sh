#!/usr/bin/env bash
# The one-class Fashion-MNIST evaluation: for each normal class and seed, train (resuming an
# interrupted run), evaluate every method beside the kNN-5 and PCA baselines on the whole test set,
# and collect the results in docs/evaluation/. Safe to re-run: finished runs are skipped. Every class
# is trained with the same settings (TRAIN_ARGS). AnoGAN's 500-step search is left out of the
# evaluation (ANOGAN_SAMPLE=1000 adds it on a stratified sample; about ten minutes a class here).
#
#   CLASSES="1 0 2" SEEDS="0 1" RUNS=runs scripts/evaluate-fashion-mnist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CLASSES=${CLASSES:-"0 1 2 3 4 5 6 7 8 9"}
SEEDS=${SEEDS:-"0 1 2"}
RUNS=${RUNS:-runs}
ANOGAN_SAMPLE=${ANOGAN_SAMPLE:-0}
TRAIN_ARGS=${TRAIN_ARGS:-"--epochs-gan 15 --epochs-encoder 5 --epochs-bigan 15 --min-steps 0"}
PY=${PYTHON:-/usr/bin/python3}
export PYTHONPATH=src/training
mkdir -p "$RUNS" docs/evaluation
for seed in $SEEDS; do
  for c in $CLASSES; do
    run="$RUNS/c$c-s$seed"
    result="docs/evaluation/class-$c-seed-$seed.json"
    [ -f "$result" ] && { echo "class $c seed $seed: $result exists, skipped"; continue; }
    # shellcheck disable=SC2086
    "$PY" -m anogan_train train --run-dir "$run" --normal-class "$c" --seed "$seed" $TRAIN_ARGS --quiet
    "$PY" -m anogan_train evaluate --run-dir "$run" --anogan-sample "$ANOGAN_SAMPLE" --quiet --json "$result.tmp"
    mv "$result.tmp" "$result"
  done
done
"$PY" -m anogan_train report docs/evaluation/class-*-seed-*.json --json docs/evaluation/summary.json \
  | tee docs/evaluation/summary.md
