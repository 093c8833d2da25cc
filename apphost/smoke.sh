#!/usr/bin/env bash
# Proves the container image on this machine (Debian 12, root, no container registry reachable).
# Not part of CI: it installs system packages and takes minutes. Idempotent: run it again and it reuses what exists.
#
#   1. podman, runc and debootstrap from Debian; /etc/containers/containers.conf with runc and rlimits that this VM
#      allows (the default crun cannot set them here);
#   2. local base images made with debootstrap from the Debian mirror apt already uses (a Java 17 runtime, and Maven
#      with a JDK for the build stage), since no registry is reachable;
#   3. builds the Dockerfile with BUILD_IMAGE/BASE_IMAGE pointing at them, the host's Java CA store mounted read-only
#      into the build stage so that Maven reaches Maven Central;
#   4. runs the image (`run --local --broker ...`) with --network host against stand-ins on loopback, started from the
#      test classpath: the broker `run --local` embeds, and a MISP that answers only the right key; with a
#      mounted app.config and a mounted /etc/secrets holding the MISP key as a JWE secret, and checks that the
#      container runs as uid 1001, answers a call sent with `invoke --broker`, and exits with the restart code (75)
#      after the mounted app.config changes.
# Usage: apphost/smoke.sh, as root. FN_MISP_SMOKE_DIR moves its work directory (default /var/tmp/fn-misp-smoke);
# FN_MISP_SMOKE_SETUP_ONLY=1 stops after step 2. It replaces /etc/containers/containers.conf: use a build machine.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=${FN_MISP_SMOKE_DIR:-/var/tmp/fn-misp-smoke}
jre_image=localhost/fn-misp-smoke/jre17:bookworm
build_image=localhost/fn-misp-smoke/maven-jdk17:bookworm
image=localhost/fn-misp:smoke
mkdir -p "$work"

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

install_packages() {
  say "packages: podman runc debootstrap"
  if command -v podman >/dev/null && command -v runc >/dev/null && command -v debootstrap >/dev/null; then
    echo "already installed: $(podman --version), $(runc --version | head -1)"
    return
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap >/dev/null
  podman --version
}

configure_podman() {
  say "/etc/containers/containers.conf"
  local wanted
  wanted=$(printf '%s\n' '[containers]' 'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]' '' \
    '[engine]' 'runtime = "runc"')
  mkdir -p /etc/containers
  if [ -f /etc/containers/containers.conf ] && [ "$(cat /etc/containers/containers.conf)" = "$wanted" ]; then
    echo "already configured"
  else
    printf '%s\n' "$wanted" > /etc/containers/containers.conf
    echo "written"
  fi
}

debian_mirror() {
  local mirror
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  if [ -z "$mirror" ]; then
    mirror=$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  fi
  echo "${mirror:-http://deb.debian.org/debian}"
}

# base_image NAME PACKAGES: a minimal Debian bookworm with PACKAGES, imported as image NAME.
base_image() {
  local name=$1 packages=$2 rootfs
  if podman image exists "$name"; then
    echo "$name: exists"
    return
  fi
  rootfs=$(mktemp -d "$work/rootfs.XXXXXX")
  echo "$name: debootstrap --include=$packages from $(debian_mirror)"
  debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$(debian_mirror)" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; fail "debootstrap of $name"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' - "$name" >/dev/null
  rm -rf "$rootfs"
  echo "$name: imported ($(podman image inspect --format '{{.Size}}' "$name" | awk '{printf "%d MB", $1/1e6}'))"
}

base_images() {
  say "local base images"
  base_image "$jre_image" openjdk-17-jre-headless
  base_image "$build_image" maven,openjdk-17-jdk-headless,ca-certificates-java
}

build_image() {
  say "image $image (BUILD_IMAGE=$build_image, BASE_IMAGE=$jre_image)"
  local started=$SECONDS
  # Maven Central is trusted through the host's Java CA store only: lend it to the build stage, read-only.
  podman build --build-arg BUILD_IMAGE="$build_image" --build-arg BASE_IMAGE="$jre_image" \
    --volume /etc/ssl/certs/java/cacerts:/etc/ssl/certs/java/cacerts:ro --tag "$image" . > "$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log"; fail "podman build (the whole log: $work/build.log)"; }
  echo "built in $((SECONDS - started)) s: $(podman image inspect --format '{{.Id}}' "$image" | cut -c1-12)," \
    "$(podman image inspect --format '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1e6}')"
  podman image inspect --format 'user {{.Config.User}}; entrypoint {{.Config.Entrypoint}}' "$image" | cut -c1-160
}

# The host side: the fat jar (for `invoke --broker`) and the test classpath (for the stand-ins).
host_build() {
  say "host: fn-misp.jar and the stand-ins' classpath"
  { mvn -B -ntp -q package -DskipTests \
      && mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
  } > "$work/host-build.log" 2>&1 || { cat "$work/host-build.log"; fail "the host build"; }
  echo "target/fn-misp.jar, $(tr ':' '\n' < "$work/classpath.txt" | wc -l) jars on the test classpath"
}

# exec: when run in the background, $! is then the JVM's own process id, which cleanup ends.
stand_ins() {
  exec java -cp "$repo/target/test-classes:$repo/target/classes:$(cat "$work/classpath.txt")" \
    org.fnmisp.cli.SmokeStandIns "$@"
}

stand_in_pid=""
cleanup() {
  if [ -n "$stand_in_pid" ]; then kill "$stand_in_pid" 2>/dev/null || true; wait "$stand_in_pid" 2>/dev/null || true; fi
  podman rm -f fn-misp-smoke >/dev/null 2>&1 || true
}

run_container() {
  say "run the image against a broker and a MISP stand-in on loopback"
  podman rm -f fn-misp-smoke >/dev/null 2>&1 || true
  local run=$work/run
  rm -rf "$run" && mkdir -p "$run"
  local key
  key=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
  (stand_ins serve "$run/ports" "$key") > "$run/stand-ins.log" 2>&1 &
  stand_in_pid=$!
  for _ in $(seq 120); do [ -s "$run/ports" ] && break; sleep 0.5; done
  [ -s "$run/ports" ] || { cat "$run/stand-ins.log"; fail "the stand-ins did not start"; }
  local broker_port misp_port
  broker_port=$(sed -n 's/^broker=//p' "$run/ports")
  misp_port=$(sed -n 's/^misp=//p' "$run/ports")
  grep "broker on" "$run/stand-ins.log"

  # The MISP key reaches the container only as an App Host protected secret, a JWE token.
  (stand_ins secrets "$run/secrets" "MISP_KEY=$key")
  chmod -R a+rX "$run/secrets"
  printf '%s\n' '[resilient]' '' '[fn_misp]' "misp_url = http://127.0.0.1:$misp_port/" 'misp_key = $MISP_KEY' \
    > "$run/app.config"
  chmod a+r "$run/app.config"
  echo "app.config: misp_key = \$MISP_KEY; /etc/secrets/MISP_KEY: $(cut -c1-40 "$run/secrets/MISP_KEY")..."

  podman run -d --name fn-misp-smoke --network host \
    -v "$run/app.config:/etc/rescircuits/app.config:ro" -v "$run/secrets:/etc/secrets:ro" \
    "$image" --local --broker "stomp://127.0.0.1:$broker_port" >/dev/null
  for _ in $(seq 120); do
    podman logs fn-misp-smoke 2>&1 | grep -q 'Subscribing to actions.201.fn_misp' && break
    podman container exists fn-misp-smoke && [ "$(podman inspect --format '{{.State.Running}}' fn-misp-smoke)" = true ] \
      || { podman logs fn-misp-smoke; fail "the container stopped"; }
    sleep 0.5
  done
  podman logs fn-misp-smoke 2>&1 | grep -q 'Subscribing to actions.201.fn_misp' \
    || { podman logs fn-misp-smoke; fail "the container did not subscribe"; }

  say "check: the process runs as uid 1001, gid 1001"
  local ids
  ids=$(podman exec fn-misp-smoke sh -c 'grep -E "^(Uid|Gid):" /proc/1/status' | tr -s '\t ' ' ')
  echo "$ids"
  echo "$ids" | grep -q '^Uid: 1001 1001 1001 1001' && echo "$ids" | grep -q '^Gid: 1001 1001 1001 1001' \
    || fail "the process does not run as 1001:1001"

  say "check: a call sent with invoke --broker is answered"
  java -jar target/fn-misp.jar invoke --broker "stomp://127.0.0.1:$broker_port" --timeout 60 \
    misp_search_attribute misp_attribute_value=8.8.8.8 > "$run/result.json" 2> "$run/invoke.err" \
    || { cat "$run/invoke.err"; podman logs fn-misp-smoke; fail "invoke --broker failed"; }
  grep '^status:' "$run/invoke.err" || true
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("result: success=%s, %d event(s), tags %s, host %s" % (r["success"], len(r["content"]), r["tags"], r["metrics"]["host"])); sys.exit(0 if r["success"] else 1)' "$run/result.json" \
    || fail "the call did not succeed"
  grep 'MISP stand-in:' "$run/stand-ins.log"
  grep -q '(the expected key)' "$run/stand-ins.log" || fail "MISP did not receive the key from the secret"

  say "check: a changed app.config drains and exits with 75"
  printf '\n# changed by apphost/smoke.sh\n' >> "$run/app.config"
  local code
  code=$(timeout 60 podman wait fn-misp-smoke) || fail "the container did not stop after the change"
  echo "exit code $code"

  say "container log"
  podman logs fn-misp-smoke 2>&1 | sed -E 's/^/  | /'
  if podman logs fn-misp-smoke 2>&1 | grep -q "$key"; then fail "the MISP key appears in the log"; fi
  [ "$code" = 75 ] || fail "exit code $code, expected 75"
}

trap cleanup EXIT
install_packages
configure_podman
base_images
[ "${FN_MISP_SMOKE_SETUP_ONLY:-}" = 1 ] && exit 0
host_build
build_image
run_container
say "PASS: the image runs as 1001, answers a call, and exits with 75 when app.config changes"
