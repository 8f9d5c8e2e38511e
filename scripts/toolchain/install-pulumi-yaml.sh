#!/usr/bin/env bash
# Builds the Pulumi YAML language host (`pulumi-language-yaml`) from its Go module and installs it
# beside the CLI in $KAFKAGUARD_BIN, where the CLI looks for language hosts. Pulumi YAML programs
# (`runtime: yaml`, e.g. examples/yaml-package) need it.
#
# Idempotent: when the installed binary was built from the pinned version, it exits at once. Unlike
# the CLI's module, this one has no replace directives, so `go install module@version` builds it
# directly (about 40 s on 2 cores, seconds once Go's caches are warm).
#
# Usage: scripts/toolchain/install-pulumi-yaml.sh [--force]
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"

# --- Pins -------------------------------------------------------------------------------------
PULUMI_YAML_MODULE="github.com/pulumi/pulumi-yaml"
PULUMI_YAML_VERSION="v1.25.0"
# The module's checksum (go.sum "h1:" hash) as the module proxy and checksum database serve it;
# checked after download so a substituted module is caught even with GONOSUMDB set.
PULUMI_YAML_SUM="h1:fy/AKkIafzwtk/6Bj9KFXGj6uqYWGXY31UmLvhrfjqs="

YAML_BIN="$KAFKAGUARD_BIN/pulumi-language-yaml"
STAMP="$KAFKAGUARD_BIN/.pulumi-language-yaml.stamp"
STAMP_CONTENT="$PULUMI_YAML_MODULE@$PULUMI_YAML_VERSION $PULUMI_YAML_SUM"

force_flag "$@"

installed_ok() {
  [[ -x "$YAML_BIN" && -f "$STAMP" && "$(cat "$STAMP")" == "$STAMP_CONTENT" ]]
}

elapsed() { echo "$(($(date +%s) - $1))s"; }

START=$(date +%s)
if ! $FORCE && installed_ok; then
  log "pulumi-language-yaml $PULUMI_YAML_VERSION already installed in $KAFKAGUARD_BIN; nothing to do"
  exit 0
fi

need go "install Go 1.25.11 or newer: it builds the Pulumi YAML language host"
mkdir -p "$KAFKAGUARD_BIN"
export GOWORK=off # an enclosing go.work must not take over the build

log "downloading $PULUMI_YAML_MODULE@$PULUMI_YAML_VERSION… (GOPROXY=$(go env GOPROXY))"
T=$(date +%s)
go_module_source "$PULUMI_YAML_MODULE" "$PULUMI_YAML_VERSION" "$PULUMI_YAML_SUM" >/dev/null
log "module ready ($(elapsed "$T"))"

log "building pulumi-language-yaml (first build takes about a minute)…"
T=$(date +%s)
tmp_bin="$(mktemp -d "$KAFKAGUARD_BIN/.yaml-build.XXXXXX")"
trap 'rm -rf "$tmp_bin"' EXIT
GOBIN="$tmp_bin" go install -trimpath \
  -ldflags "-s -w -X $PULUMI_YAML_MODULE/pkg/version.Version=$PULUMI_YAML_VERSION" \
  "$PULUMI_YAML_MODULE/cmd/pulumi-language-yaml@$PULUMI_YAML_VERSION" ||
  die "building $PULUMI_YAML_MODULE/cmd/pulumi-language-yaml@$PULUMI_YAML_VERSION failed"
# A rename is atomic: a CLI starting the host meanwhile sees the old binary or the new one.
mv -f "$tmp_bin/pulumi-language-yaml" "$YAML_BIN"
printf '%s\n' "$STAMP_CONTENT" >"$STAMP"
log "installed pulumi-language-yaml $PULUMI_YAML_VERSION into $KAFKAGUARD_BIN ($(elapsed "$T"), total $(elapsed "$START"))"
