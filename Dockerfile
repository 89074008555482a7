# certhall: one node (docs/operations.md). Build: docker build -t certhall .
# Runs the exec jar as a non-root user on a Debian JDK 17 runtime; the data directory is a volume.

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl certhall-app -am package \
 && cp certhall-app/target/certhall-app-*-exec.jar /certhall.jar

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/certhall --create-home certhall \
 && mkdir -p /var/lib/certhall/data \
 && chown certhall:certhall /var/lib/certhall/data \
 && chmod 0700 /var/lib/certhall/data
COPY --from=build /certhall.jar /opt/certhall/certhall.jar
WORKDIR /var/lib/certhall
ENV CERTHALL_DATA_DIR=/var/lib/certhall/data
VOLUME /var/lib/certhall/data
USER certhall
# 8080: the public port (behind the load balancer); 8081: health and metrics, never published
EXPOSE 8080 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s \
  CMD curl -fsS http://127.0.0.1:8081/actuator/health/liveness > /dev/null || exit 1
# exec form: java is PID 1 and gets SIGTERM itself, so the graceful shutdown runs
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/certhall/certhall.jar"]
