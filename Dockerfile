# syntax=docker/dockerfile:1
#
# Parley: build the runnable jar with the Maven wrapper, then run it on a JRE as a non-root user.
#   docker build -t parley .
#   docker run -p 8080:8080 -v parley-data:/data parley
# See docs/operations.md for the compose and Kubernetes setups.

# ---- build: JDK + the project's own Maven wrapper ------------------------------------------
FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /src
# The wrapper and the pom first, so a change under src/ does not invalidate the layers above it.
# Only the server's sources: the load tool (src/bench, target/parley-bench.jar) is not in the image.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src/main src/main
# The cache mount keeps ~/.m2 (the wrapper's Maven and every dependency) between builds without
# putting it in an image layer. Tests need PostgreSQL and Chromium, so they run in CI, not here.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q package -DskipTests \
    && cp target/parley.jar /parley.jar

# ---- run: JRE only, uid 10001, data on a volume ----------------------------------------------
FROM eclipse-temurin:21-jre-noble
# A fixed numeric uid so Kubernetes' runAsNonRoot can verify it; no login shell, no home of its own.
RUN groupadd --system --gid 10001 parley \
    && useradd --system --uid 10001 --gid parley --home-dir /data --no-create-home \
       --shell /usr/sbin/nologin parley \
    && mkdir -p /data /opt/parley \
    && chown parley:parley /data
COPY --from=build --chown=root:root /parley.jar /opt/parley/parley.jar

# SQLite lives in /data when PARLEY_DATABASE_URL is not set; with PostgreSQL the volume stays empty.
ENV PARLEY_DATA_DIR=/data \
    PARLEY_HTTP_PORT=8080
# Heap as a share of the container's memory limit (the JVM reads the cgroup limit); the rest is
# for metaspace, thread stacks and Netty's direct buffers, where the outbound queues live.
# Exit on OOM so the orchestrator restarts a clean process instead of one limping along.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/data"]
EXPOSE 8080
USER 10001:10001
WORKDIR /data

# /healthz answers 200 while the process serves. The check uses bash's /dev/tcp so it needs no
# curl or wget in the image (the temurin images happen to ship both today; this does not rely on it).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PARLEY_HTTP_PORT:-8080} && printf "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3 && IFS= read -r -t 2 status <&3 && [[ $status == "HTTP/1.1 200"* ]]'

# SIGTERM starts the graceful stop: /readyz turns 503, sockets close with 1012, then the process
# exits within PARLEY_DRAIN_TIMEOUT. `exec` makes java PID 1 so it receives the signal itself.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /opt/parley/parley.jar \"$@\"", "parley"]
