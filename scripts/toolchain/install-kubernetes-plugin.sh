#!/usr/bin/env bash
# Builds the Pulumi Kubernetes resource provider plugin (pulumi-resource-kubernetes) from its Go module, so that
# the e2e tests can run a real `pulumi preview --policy-pack` of the Strimzi, Confluent for Kubernetes and Redpanda
# examples. A preview needs no cluster: with no kubeconfig the provider plans every resource as a create.
#
# Why this source: the Go module proxy refuses every tagged version of github.com/pulumi/pulumi-kubernetes/provider/v4
# (403) and lists none; what it serves is the pseudo-version pinned in scripts/pins.env (a commit of 2026-01-15).
# Its go.mod replaces sdk/v4 with the repository's ../sdk folder, so the module is copied out of the read-only
# module cache with the sdk/v4 release it requires beside it, and built in place with no go.mod edit. The two
# embedded files the module zip lacks (schema-embed.json, terraform-mapping-embed.json) come from the provider's
# own generate.go, as in its Makefile.
#
# The binary does not depend on the toolchain line; it lives in $KAFKAGUARD_KUBERNETES_PLUGIN_DIR (common.sh).
# Its version is the module's pseudo-version, older than the @pulumi/kubernetes SDK in package.json, so tests put
# its folder first on PATH (the CLI then uses it and warns that the SDK expects a newer plugin).
#
# Idempotent: when the installed binary reports the pinned version and was built from the same pins, it exits at
# once. The first build is long (the provider links Helm, kubectl and client-go: on 2 cores about 10 minutes, 0.8 GB
# of modules and 4.6 GB of Go build cache); later ones reuse Go's caches.
#
# Usage: scripts/toolchain/install-kubernetes-plugin.sh [--force]
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"

force_flag "$@"

K8S_PLUGIN_SUM="$(pin K8S_PLUGIN_SUM)"
K8S_PLUGIN_SDK="$(pin K8S_PLUGIN_SDK)"
K8S_PLUGIN_SDK_SUM="$(pin K8S_PLUGIN_SDK_SUM)"
PROVIDER_MODULE="github.com/pulumi/pulumi-kubernetes/provider/v4"
SDK_MODULE="github.com/pulumi/pulumi-kubernetes/sdk/v4"
PLUGIN_VERSION="${K8S_PLUGIN_VERSION#v}"
PLUGIN_DIR="$KAFKAGUARD_KUBERNETES_PLUGIN_DIR"
PLUGIN_BIN="$PLUGIN_DIR/pulumi-resource-kubernetes"
STAMP="$PLUGIN_DIR/.kafkaguard-build"
STAMP_CONTENT="$PROVIDER_MODULE@$K8S_PLUGIN_VERSION $K8S_PLUGIN_SUM $SDK_MODULE@$K8S_PLUGIN_SDK $K8S_PLUGIN_SDK_SUM"

# The plugin has no -version flag; the version it reports to the CLI is stamped in its embedded schema too.
installed_ok() {
  [[ -x "$PLUGIN_BIN" && "$(cat "$STAMP" 2>/dev/null)" == "$STAMP_CONTENT" ]] &&
    grep -aqF "\"version\":\"$PLUGIN_VERSION\"" "$PLUGIN_BIN"
}

if ! $FORCE && installed_ok; then
  log "pulumi-resource-kubernetes $PLUGIN_VERSION already built in $PLUGIN_DIR"
  exit 0
fi

need go "install Go >= 1.24.7: it builds the Kubernetes resource plugin"
export GOWORK=off CGO_ENABLED=0
START=$SECONDS
BUILD_DIR="$KAFKAGUARD_CACHE/build/pulumi-resource-kubernetes-$PLUGIN_VERSION"

log "downloading $PROVIDER_MODULE@$K8S_PLUGIN_VERSION and $SDK_MODULE@$K8S_PLUGIN_SDK (GOPROXY=$(go env GOPROXY))"
provider_src="$(go_module_source "$PROVIDER_MODULE" "$K8S_PLUGIN_VERSION" "$K8S_PLUGIN_SUM")"
sdk_src="$(go_module_source "$SDK_MODULE" "$K8S_PLUGIN_SDK" "$K8S_PLUGIN_SDK_SUM")"
rm -rf "$BUILD_DIR"
mkdir -p "$BUILD_DIR"
# The repository's layout: provider/ and sdk/ side by side, as the replace directive expects.
cp -r "$provider_src" "$BUILD_DIR/provider"
cp -r "$sdk_src" "$BUILD_DIR/sdk"
chmod -R u+w "$BUILD_DIR"
cd "$BUILD_DIR/provider"

log "downloading the provider's dependencies (about 1 GB the first time)"
go mod download >"$BUILD_DIR/mod.log" 2>&1 || { tail -n 20 "$BUILD_DIR/mod.log" >&2; die "could not download the provider's dependencies (log: $BUILD_DIR/mod.log)"; }
log "  done, $((SECONDS - START))s so far"

log "writing the embedded schema with the provider's generate.go"
(cd cmd/pulumi-resource-kubernetes && VERSION="$PLUGIN_VERSION" go run generate.go) ||
  die "the provider's generate.go could not write schema-embed.json"
log "  done, $((SECONDS - START))s so far"

log "compiling pulumi-resource-kubernetes $PLUGIN_VERSION (first time: long, it links Helm, kubectl and client-go)"
mkdir -p "$BUILD_DIR/bin"
go build -trimpath -ldflags "-s -w -X $PROVIDER_MODULE/pkg/version.Version=$PLUGIN_VERSION" \
  -o "$BUILD_DIR/bin/pulumi-resource-kubernetes" ./cmd/pulumi-resource-kubernetes ||
  die "compiling pulumi-resource-kubernetes failed (see the Go errors above)"
log "  done, $((SECONDS - START))s so far"

rm -rf "$PLUGIN_DIR.partial"
mkdir -p "$PLUGIN_DIR.partial"
install -m 0755 "$BUILD_DIR/bin/pulumi-resource-kubernetes" "$PLUGIN_DIR.partial/"
echo "$STAMP_CONTENT" >"$PLUGIN_DIR.partial/.kafkaguard-build"
rm -rf "$PLUGIN_DIR"
mv "$PLUGIN_DIR.partial" "$PLUGIN_DIR"
rm -rf "$BUILD_DIR" # the sources are 200 MB; Go's caches keep what a rebuild needs
installed_ok || die "the built plugin at $PLUGIN_BIN does not report version $PLUGIN_VERSION"
log "pulumi-resource-kubernetes $PLUGIN_VERSION built in $((SECONDS - START))s: $PLUGIN_BIN"
