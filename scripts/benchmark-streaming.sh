#!/usr/bin/env bash
# End-to-end streaming benchmark: per broker (in-process, a separate broker process, or --bootstrap-servers) and
# method, throughput and latency p50/p95/p99 from a patch's send to its score being visible to a read_committed
# consumer, with exactly-once, beside the scoring core's throughput of the same moment; or, with --rebalance,
# instances joining and leaving under load. Prints a table; the separate broker logs to target/benchmark-broker.log.
#   [JAVA_OPTS=...] scripts/benchmark-streaming.sh [--json FILE] [--help for the options]
set -euo pipefail
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
exec java ${JAVA_OPTS:-} -Dlogback.configurationFile="$logback" \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.anogan.stream.topology.StreamingBenchmark "$@"
