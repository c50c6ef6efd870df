#!/usr/bin/env bash
# The scoring benchmark (ONNX Runtime against the PyTorch reference, same run): prints a table.
#   scripts/benchmark-scoring.sh [--json FILE] [--help for the options]
set -euo pipefail
cd "$(dirname "$0")/.."
# The benchmark is a test source (dev.anogan.stream.bench, not in the service jar): it runs from
# target/test-classes with the test classpath.
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >&2
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.anogan.stream.bench.ScoringBenchmark "$@"
