#!/usr/bin/env bash
# Installs what the OCI publishing tests need: Debian's docker-registry (the CNCF distribution registry, started by
# the tests themselves on 127.0.0.1 with a free port and their own storage) and htpasswd (apache2-utils) for the
# basic-auth registry. Idempotent: does nothing when both are installed. Without root or apt, the tests that need
# them are skipped with a message naming this script.
set -euo pipefail
need=()
[ -x /usr/bin/docker-registry ] || need+=(docker-registry)
[ -x /usr/bin/htpasswd ] || need+=(apache2-utils)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "oci-registry: apt-get not found; OCI registry tests will be skipped (install ${need[*]} to run them)" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "oci-registry: not root; OCI registry tests will be skipped (install ${need[*]} to run them)" >&2
    exit 0
  fi
fi
echo "oci-registry: installing ${need[*]}" >&2
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The package ships a system service on :5000; the tests start their own registries, so keep it from running.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
  $SUDO systemctl stop docker-registry || true
fi
