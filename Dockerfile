# syntax=docker/dockerfile:1

# Base images are pinned to one Temurin release on one Ubuntu (noble), so a rebuild gets the same JDK. To pin the
# bytes too, append the digest a release build resolved, e.g. FROM eclipse-temurin:21.0.8_9-jre-noble@sha256:<digest>
# (docker buildx imagetools inspect eclipse-temurin:21.0.8_9-jre-noble prints it); bump both tags together.

# --- build: the Maven Wrapper on a JDK 21, dependencies cached in their own layer
FROM eclipse-temurin:21.0.8_9-jdk-noble AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY config config
COPY verticles verticles
COPY liquibase liquibase
RUN ./mvnw -B -q package -DskipTests

# --- runtime: a JRE 21, non-root, curl only for the health check
FROM eclipse-temurin:21.0.8_9-jre-noble
ARG VERSION=dev
LABEL org.opencontainers.image.title="Quire" \
      org.opencontainers.image.description="A reactive API server for publishing platforms: sites, series, chapters, paywall, webhooks, analytics" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:21.0.8_9-jre-noble"
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin quire \
 && mkdir -p /app/data \
 && chown quire /app/data
WORKDIR /app
COPY --from=build /src/target/quire.jar /app/quire.jar
COPY config /app/config
COPY verticles /app/verticles
COPY liquibase /app/liquibase
USER quire
EXPOSE 8080
# half the container's memory for the heap: the rest is metaspace, code cache, thread stacks and Netty's direct
# buffers (measured: a 256 MiB heap under read load is about 400 MiB resident, see bench/read.sh). The parallel
# collector, named because the JVM would pick the serial one in a small container: on 2 cores under read load
# it gave about 30% more requests/s than G1 and a p99 under 10 ms (G1's young pauses were ~10 ms)
# with no QUIRE_PG_URL / QUIRE_REDIS_URL (QUIRE_ENV=dev only) the embedded PostgreSQL keeps its data here: mount a
# volume on it to keep it past the container. As the non-root user PostgreSQL runs directly (no user namespace)
ENV QUIRE_HOME=/app \
    QUIRE_DATA_DIR=/app/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError"
# liveness, on the port Quire is configured to use: readiness (/health/ready) is for the load balancer, and a
# database blip that makes every instance unready must not also make Docker call every container unhealthy
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${QUIRE_HTTP_PORT:-8080}/health/live" > /dev/null || exit 1
# exec form: java is PID 1 and gets SIGTERM itself, so shutdown is graceful
ENTRYPOINT ["java", "-jar", "/app/quire.jar"]
