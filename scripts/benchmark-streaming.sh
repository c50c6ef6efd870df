#!/usr/bin/env bash
# End-to-end streaming benchmark: per broker (in-process, a separate broker process, or --bootstrap-servers) and
# method, throughput and latency p50/p95/p99 from a patch's send to its score being visible to a read_committed
# consumer, with exactly-once, beside the scoring core's throughput of the same moment; after each patch row an
# images row (--images N, 0: none): whole images tiled and published as the publish command does, images/s, tiles/s
# and latency from an image's capture time to its verdict read, and whether each image got exactly one verdict;
# or, with --rebalance, instances joining and leaving under load. Prints tables; the separate broker logs to
# target/benchmark-broker.log.
#   [JAVA_OPTS=...] scripts/benchmark-streaming.sh [--service-cpus LIST] [--json FILE] [--help for the options]
set -euo pipefail
# --service-cpus pins this JVM (taskset -c) before it starts, so that its defaults (stream threads, batcher workers)
# follow the CPUs it may use; every other option is the benchmark's.
args=() pin=()
while (($#)); do
  if [[ $1 == --service-cpus ]]; then
    (($# >= 2)) || { echo "option --service-cpus needs a value" >&2; exit 2; }
    pin=(taskset -c "$2"); shift 2
  else
    args+=("$1"); shift
  fi
done
cd "$(dirname "$0")/.."
# The benchmark lives with the streaming test fixtures (Fashion-MNIST patches, the embedded broker harness).
mvn -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >&2
# Kafka logs at INFO would bury the table: warnings only, on stderr.
logback=target/benchmark-streaming-logback.xml
cat > "$logback" <<'XML'
<configuration>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern></encoder>
  </appender>
  <root level="warn"><appender-ref ref="STDERR"/></root>
</configuration>
XML
exec "${pin[@]}" java ${JAVA_OPTS:-} -Dlogback.configurationFile="$logback" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.anogan.stream.topology.StreamingBenchmark "${args[@]}"
