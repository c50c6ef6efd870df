# syntax=docker/dockerfile:1
#
# anogan-stream, CPU image (the chart's image.tag).
#
#   docker build -t anogan-stream:0.1.0 .
#   docker run --rm -p 8080:8080 -e ANOGAN_STREAMS_BOOTSTRAP_SERVERS=kafka:9092 \
#     -e ANOGAN_REGISTRY_URL=http://schema-registry:8081 anogan-stream:0.1.0
#
# NOTE: no Docker engine runs where this file was written, so it has never been built here; it is kept simple
# enough to be checked by reading. What it relies on was checked: `mvn -B package -DskipTests -DskipPythonTests`
# produces the Micronaut fat jar target/anogan-stream-0.1.0-SNAPSHOT.jar (Main-Class dev.anogan.stream.Application,
# the default model bundle inside, at classpath:bundles/default).

# --- build: the fat jar (the Java tests and the trainer's pytest suite run in CI, not here) ---
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY schemas ./schemas
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B package -DskipTests -DskipPythonTests \
 && cp target/anogan-stream-*.jar /build/anogan-stream.jar

# --- runtime ---
FROM eclipse-temurin:17-jre
# A fixed non-root user; the chart's securityContext runs as 10001 with a read-only root filesystem and mounts
# writable emptyDirs at /tmp (ONNX Runtime extracts its native library to java.io.tmpdir) and at the Kafka
# Streams state directory.
RUN groupadd --system --gid 10001 anogan \
 && useradd --system --uid 10001 --gid anogan --home-dir /app --no-create-home --shell /usr/sbin/nologin anogan \
 && mkdir -p /app /var/lib/anogan-stream/state \
 && chown -R 10001:10001 /var/lib/anogan-stream
WORKDIR /app
COPY --from=build /build/anogan-stream.jar /app/anogan-stream.jar
USER 10001:10001
ENV ANOGAN_STREAMS_STATE_DIR=/var/lib/anogan-stream/state
# micronaut.server.port: health (/health, /health/liveness, /health/readiness)
EXPOSE 8080
# JVM options: JDK_JAVA_OPTIONS (the chart sets -XX:MaxRAMPercentage=75.0)
ENTRYPOINT ["java", "-jar", "/app/anogan-stream.jar"]
