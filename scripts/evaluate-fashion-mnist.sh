#!/usr/bin/env bash
# The one-class Fashion-MNIST evaluation of DESIGN.md: for each normal class, train (resuming any
# interrupted run), evaluate, and collect the results in docs/evaluation/. Safe to re-run: finished
# classes are skipped. AnoGAN (Gamma = 500, 1000 stratified test patches) and the accuracy-against-
# steps curve run for the classes in CURVE_CLASSES only: each costs about ten minutes on 2 cores.
#
#   CLASSES="1 0 2" RUNS=runs scripts/evaluate-fashion-mnist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CLASSES=${CLASSES:-"1 0 2 3 4 5 6 7 8 9"}
CURVE_CLASSES=${CURVE_CLASSES:-"1 0 2"}
RUNS=${RUNS:-runs}
PY=${PYTHON:-/usr/bin/python3}
export PYTHONPATH=src/training
mkdir -p "$RUNS" docs/evaluation
for c in $CLASSES; do
  run="$RUNS/fmnist-$c"
  result="docs/evaluation/class-$c.json"
  [ -f "$result" ] && { echo "class $c: $result exists, skipped"; continue; }
  "$PY" -m anogan_train train --run-dir "$run" --normal-class "$c" --quiet
  if [[ " $CURVE_CLASSES " == *" $c "* ]]; then
    "$PY" -m anogan_train evaluate --run-dir "$run" --curve --quiet --json "$result.tmp"
  else
    "$PY" -m anogan_train evaluate --run-dir "$run" --anogan-sample 0 --quiet --json "$result.tmp"
  fi
  mv "$result.tmp" "$result"
done
"$PY" -m anogan_train report docs/evaluation/class-*.json --json docs/evaluation/summary.json | tee docs/evaluation/summary.md
