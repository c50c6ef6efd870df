#!/usr/bin/env bash
# Build the grass demo (MICRONAUT_ENVIRONMENTS=grass): the development set from scikit-image's grass photo, a run
# on its defect-free training images, its evaluation on the held-out test images (docs/evaluation/grass-seed-0.json),
# the committed bundle (src/main/resources/bundles/grass) and the demo's images (src/main/resources/demo/grass: the
# first 12 defect-free test images and every third image with a defect, 12). Resumable: an existing run is resumed.
#   scripts/build-grass-bundle.sh [WORK_DIR]     (default runs/grass)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-runs/grass}
export PYTHONPATH=src/training
train() { /usr/bin/python3 -m anogan_train --threads 1 "$@"; }
[ -d "$work/data" ] || /usr/bin/python3 -m anogan_train.grass "$work/data"
train train --run-dir "$work/run" --images "$work/data/train" --patch-size 32 --stride 16 --seed 0 --min-steps 2000
train evaluate --run-dir "$work/run" --test-images "$work/data/test" --json docs/evaluation/grass-seed-0.json
bundle=src/main/resources/bundles/grass
demo=src/main/resources/demo/grass
rm -rf "$bundle" "$demo"
train export --run-dir "$work/run" --out "$bundle" --name grass --evaluation docs/evaluation/grass-seed-0.json --quiet
/usr/bin/python3 -m anogan_train validate "$bundle"
mkdir -p "$demo"
ls "$work/data/test/normal"/*.png | head -12 | xargs -I{} cp {} "$demo/"
ls "$work/data/test/anomalous"/*.png | awk 'NR % 3 == 1' | head -12 | xargs -I{} cp {} "$demo/"
