#!/usr/bin/env bash
# Installs everything kafkaguard needs, idempotently: npm packages, the compiled policy pack, the Pulumi CLI
# and Node.js language host, the Kafka resource plugin and Apache Kafka's jars. Heavy builds are cached
# under $KAFKAGUARD_CACHE (~/.cache/kafkaguard); a second run takes seconds.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$KAFKAGUARD_ROOT"

npm_install() {
  need node "Node.js 20 or newer"
  need npm "npm comes with Node.js"
  # package-lock.json is the source of truth; reinstall only when it changed.
  local stamp="node_modules/.kafkaguard-lock-hash" hash
  hash=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
    log "npm packages are up to date"
  else
    npm ci --no-audit --no-fund
    echo "$hash" >"$stamp"
  fi
}

phase "npm packages" npm_install
phase "compile the policy pack" npm run --silent build
phase "Pulumi CLI and Node.js language host" bash scripts/toolchain/install-pulumi.sh
phase "Kafka resource plugin" bash scripts/toolchain/install-kafka-plugin.sh
phase "Apache Kafka" bash scripts/kafka/install.sh
phase "Node.js for kafkaguard audit (its Kafka client needs >= 22.22)" bash scripts/toolchain/install-node.sh >/dev/null
