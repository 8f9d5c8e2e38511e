#!/usr/bin/env bash
# Installs everything kafkaguard needs for one toolchain line (KAFKAGUARD_LINE=floor|current, default
# floor; versions in scripts/pins.env), idempotently: Node.js (current line), npm packages, the compiled
# policy pack, the Pulumi CLI with its Node.js and YAML language hosts (or a Pulumi CLI already on PATH, see
# KAFKAGUARD_PULUMI in scripts/lib/common.sh), the Kafka resource plugin and Apache Kafka's jars.
# Heavy builds are cached under $KAFKAGUARD_CACHE (~/.cache/kafkaguard); a second run takes seconds.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$KAFKAGUARD_ROOT"

log "toolchain line: $KAFKAGUARD_LINE (Pulumi $PULUMI_VERSION, Kafka $KAFKA_VERSION, Node.js ${KAFKAGUARD_NODE_VERSION:-$KAFKAGUARD_NODE_MAJOR from the machine})"
if [[ "$KAFKAGUARD_PULUMI_SOURCE" == system ]]; then
  log "Pulumi CLI: the one on PATH, $KAFKAGUARD_PULUMI_CLI (KAFKAGUARD_PULUMI=build builds the pinned $PULUMI_VERSION instead)"
else
  log "Pulumi CLI: the pinned build $PULUMI_VERSION in $KAFKAGUARD_BIN (KAFKAGUARD_PULUMI=$KAFKAGUARD_PULUMI)"
fi

npm_install() {
  need node "Node.js $KAFKAGUARD_NODE_MAJOR or newer"
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

# The plugin binary does not depend on the line: a build line other than the floor takes the floor's
# build (building it first if needed) into its own plugin folder.
kafka_plugin() {
  if [[ "$KAFKAGUARD_LINE" != floor && "$KAFKAGUARD_PULUMI_SOURCE" == build ]]; then
    KAFKAGUARD_LINE=floor bash scripts/toolchain/install-kafka-plugin.sh
    local name="resource-kafka-v$PULUMI_KAFKA_VERSION"
    local from="$KAFKAGUARD_CACHE/pulumi-home/plugins/$name" to="$PULUMI_HOME/plugins/$name"
    if ! cmp -s "$from/.kafkaguard-build" "$to/.kafkaguard-build" 2>/dev/null; then
      mkdir -p "$PULUMI_HOME/plugins"
      rm -rf "$to.tmp" && cp -a "$from" "$to.tmp" && rm -rf "$to" && mv "$to.tmp" "$to"
      log "copied the Kafka plugin into $to"
    fi
  fi
  bash scripts/toolchain/install-kafka-plugin.sh
}

if [[ "$KAFKAGUARD_LINE" == floor ]]; then
  phase "Node.js" bash scripts/toolchain/install-node.sh
  phase "npm packages" npm_install
  phase "compile the policy pack" npm run --silent build
else
  phase "Node.js $KAFKAGUARD_NODE_VERSION" bash scripts/toolchain/install-node.sh
  phase "the $KAFKAGUARD_LINE line's workspace (npm packages, compiled policy pack)" \
    bash scripts/toolchain/line-workspace.sh >/dev/null
fi
phase "Pulumi CLI and Node.js language host" bash scripts/toolchain/install-pulumi.sh
phase "Pulumi YAML language host" bash scripts/toolchain/install-pulumi-yaml.sh
phase "Kafka resource plugin" kafka_plugin
phase "Apache Kafka $KAFKA_VERSION" bash scripts/kafka/install.sh
