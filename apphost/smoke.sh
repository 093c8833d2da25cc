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
#   4. runs the image with --network host against a broker (`run --local`) and a MISP stand-in on loopback, with a
#      mounted app.config and a mounted /etc/secrets holding the MISP key as a JWE secret, and checks that the
#      container runs as uid 1001, answers a call sent with `invoke --broker`, and exits with the restart code (3)
#      after the mounted app.config changes.
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

install_packages
configure_podman
base_images
[ "${FN_MISP_SMOKE_SETUP_ONLY:-}" = 1 ] && exit 0
