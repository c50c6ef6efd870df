#!/usr/bin/env bash
# The scoring benchmark (ONNX Runtime against the PyTorch reference, same run): prints a table.
#   scripts/benchmark-scoring.sh [--json FILE] [--help for the options]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
exec java -cp "target/classes:$(cat target/classpath.txt)" dev.anogan.stream.bench.ScoringBenchmark "$@"
