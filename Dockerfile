# fn-misp for the IBM QRadar SOAR App Host (doc/install-apphost.md). Build with Docker (BuildKit) or podman:
#   docker build -t registry.example.com/soc/fn_misp:1.0.0 .
# BUILD_IMAGE needs Maven and a Java 17 JDK, BASE_IMAGE a Java 17 runtime; apphost/smoke.sh passes local ones.
ARG BUILD_IMAGE=docker.io/library/maven:3.9-eclipse-temurin-17
ARG BASE_IMAGE=docker.io/library/eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /build
COPY pom.xml ./
COPY .mvn ./.mvn
COPY src/main ./src/main
COPY apphost ./apphost
COPY customize ./customize
COPY bin/jvm.options ./bin/
# The Maven repository is a build cache, so a rebuild downloads nothing; the tests ran in CI, not here.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q package -Dmaven.test.skip=true \
 && cp target/fn-misp.jar /build/

FROM ${BASE_IMAGE}
USER 0
# App Host runs apps as 1001:1001; the directories it writes are group-writable, as the platform's own images are.
RUN (getent group 1001 >/dev/null || groupadd -g 1001 fnmisp) \
 && (getent passwd 1001 >/dev/null || useradd -u 1001 -g 1001 -d /opt/fn-misp -M -s /sbin/nologin fnmisp) \
 && mkdir -p /opt/fn-misp /etc/rescircuits /var/log/rescircuits /var/rescircuits \
 && chown 1001:1001 /etc/rescircuits /var/log/rescircuits \
 && chmod 775 /etc/rescircuits /var/log/rescircuits
COPY --from=build /build/fn-misp.jar /opt/fn-misp/
# A class-data archive recorded by a training call (config, logging, HTTP, JSON, a function) lets every start map
# those classes instead of loading and verifying them again. The runtime of BASE_IMAGE records it, so they match.
RUN printf '[resilient]\nlogdir = /tmp/training\n[fn_misp]\nmisp_url = http://127.0.0.1:9\nmisp_key = training\nmax_retries = 0\n' \
      > /tmp/training.config \
 && (java -XX:ArchiveClassesAtExit=/opt/fn-misp/fn-misp.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
      -jar /opt/fn-misp/fn-misp.jar invoke --config-file /tmp/training.config misp_search_attribute \
      misp_attribute_value=8.8.8.8 >/dev/null 2>&1 || true) \
 && rm -rf /tmp/training.config /tmp/training \
 && test -s /opt/fn-misp/fn-misp.jsa

ENV APP_HOST_CONTAINER=1 \
    APP_CONFIG_FILE=/etc/rescircuits/app.config \
    APP_LOG_DIR=/var/log/rescircuits
WORKDIR /opt/fn-misp
USER 1001:1001
# No fixed heap: three quarters of the container's memory limit. Serial GC, C1 only and small stacks, as
# bin/jvm.options (doc/performance.md). Out of memory ends the process so that the platform restarts it.
# JAVA_TOOL_OPTIONS adds flags. fn-misp itself exits with 75 when app.config changes, to be restarted with it.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-Xss512k", "-XX:TieredStopAtLevel=1", \
  "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=96m", "-XX:+ExitOnOutOfMemoryError", \
  "-XX:SharedArchiveFile=/opt/fn-misp/fn-misp.jsa", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", \
  "-jar", "/opt/fn-misp/fn-misp.jar", "run"]
