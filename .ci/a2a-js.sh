#!/usr/bin/env bash
# Installs the official A2A JavaScript SDK (@a2a-js/sdk, pinned) for the A2A server's interop test
# (examples/a2a-server, JsSdkInteropIT): the test runs a small node script that talks to the server
# through the SDK's A2A v0.3 compatibility transport. Idempotent: when the pinned version is already
# in the cache directory, it does nothing. Needs node and npm; without them it prints why and exits 0
# (the interop test then skips with the same message).
#
# Cache directory: $K8S_AUTOPILOT_A2A_JS_HOME, else ~/.cache/k8s-autopilot/a2a-js (the test reads the same).
# Usage: .ci/a2a-js.sh            (then: mvn -B verify)
set -euo pipefail

PACKAGE=@a2a-js/sdk
VERSION=1.3.0
HOME_DIR=${K8S_AUTOPILOT_A2A_JS_HOME:-"$HOME/.cache/k8s-autopilot/a2a-js"}

log() { printf 'a2a-js.sh: %s\n' "$*" >&2; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    log "node or npm not found: skipping $PACKAGE@$VERSION (the A2A JavaScript interop test will be skipped)"
    exit 0
fi

installed() {
    node -e 'const p=require(process.argv[1]); if (p.version !== process.argv[2]) process.exit(1)' \
        "$HOME_DIR/node_modules/$PACKAGE/package.json" "$VERSION" >/dev/null 2>&1
}

if installed; then
    log "$PACKAGE@$VERSION already installed in $HOME_DIR; nothing to do"
    exit 0
fi

mkdir -p "$HOME_DIR"
[ -f "$HOME_DIR/package.json" ] || printf '{\n  "name": "k8s-autopilot-a2a-js",\n  "private": true\n}\n' > "$HOME_DIR/package.json"
log "installing $PACKAGE@$VERSION into $HOME_DIR"
# Optional peer dependencies (express, gRPC, databases) are not needed by the client.
npm install --prefix "$HOME_DIR" --no-audit --no-fund --save-exact --omit=peer --omit=optional "$PACKAGE@$VERSION" >&2
installed || { log "ERROR: $PACKAGE@$VERSION is not in $HOME_DIR after npm install"; exit 1; }
log "ready: $HOME_DIR/node_modules/$PACKAGE ($VERSION)"
