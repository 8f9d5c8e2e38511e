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

# @confluentinc/kafka-javascript (the maintained Kafka client of the tests) builds its native part, librdkafka,
# from source here: its install script's prebuilt binary comes from a site that is not reachable. The bundled
# librdkafka would download zlib, OpenSSL, zstd and curl sources too; CKJS_LINKING=dynamic links the system's
# libraries instead. This installs the compiler and headers that build needs, with apt, if any is missing.
native_build_tools() {
  local missing=() tool
  for tool in gcc g++ make python3; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool") # the Debian packages have the same names
  done
  [[ -f /usr/include/openssl/ssl.h ]] || missing+=(libssl-dev)
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "C/C++ toolchain and OpenSSL headers present"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} (needed to build @confluentinc/kafka-javascript) and no apt-get to install them"
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  log "installing ${missing[*]} with apt-get"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
export CKJS_LINKING=dynamic

npm_install() {
  need node "Node.js $KAFKAGUARD_NODE_MAJOR or newer"
  need npm "npm comes with Node.js"
  # package-lock.json is the source of truth; reinstall only when it changed.
  local stamp="node_modules/.kafkaguard-lock-hash" hash
  hash=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
    log "npm packages are up to date"
  else
    # Without install scripts (NPM_INSTALL_FLAGS in scripts/lib/common.sh): the one kafkaguard needs, the Kafka
    # client's native build, is the next phase, which takes it from the cache instead of compiling it again.
    npm ci "${NPM_INSTALL_FLAGS[@]}"
    echo "$hash" >"$stamp"
  fi
}

# The native part of @confluentinc/kafka-javascript (NAN, not Node-API) is built for one Node.js ABI, against that
# Node.js's full headers: only the machine's own Node.js has them here, so its tests run on the floor's Node.js
# (scripts/test.sh). Each ABI's build (the addon and the librdkafka it links) is kept in the cache and put back
# when the checkout's node_modules lose it, so a reinstall costs no rebuild.
kafka_client_native_build() {
  local package="node_modules/@confluentinc/kafka-javascript" abi version cache
  abi="$(node -p process.versions.modules)"
  version="$(node -p "require('./$package/package.json').version")"
  cache="$KAFKAGUARD_CACHE/kafka-javascript/$version-node-abi$abi"
  if node -e "require('@confluentinc/kafka-javascript')" 2>/dev/null; then
    log "@confluentinc/kafka-javascript $version loads in Node.js $(node --version)"
  elif [[ -f "$cache/Release/confluent-kafka-javascript.node" ]]; then
    log "restoring the native build for Node.js ABI $abi from $cache"
    mkdir -p "$package/build/Release" "$package/build/deps"
    cp -a "$cache/Release/." "$package/build/Release/"
    cp -a "$cache/deps/." "$package/build/deps/"
  else
    log "building @confluentinc/kafka-javascript $version for Node.js $(node --version) (ABI $abi): librdkafka from source, minutes"
    # Its own install script, run by name: npm 11's `rebuild` skips install scripts not listed in allowScripts.
    # A build for another Node.js ABI would be taken as already installed, so it goes first.
    rm -rf "$package/build"
    (cd "$package" && npm run --silent install)
  fi
  node -e "require('@confluentinc/kafka-javascript')" ||
    die "@confluentinc/kafka-javascript does not load in Node.js $(node --version) (try: rm -rf $package $cache and run this again)"
  if [[ ! -f "$cache/Release/confluent-kafka-javascript.node" ]]; then
    rm -rf "$cache.partial"
    mkdir -p "$cache.partial/Release" "$cache.partial/deps"
    cp -a "$package/build/Release/confluent-kafka-javascript.node" "$cache.partial/Release/"
    cp -a "$package/build/deps/"librdkafka*.so* "$cache.partial/deps/"
    rm -rf "$cache"
    mv "$cache.partial" "$cache"
  fi
}

# The plugin binary does not depend on the line: a build line other than the floor takes the floor's
# build (building it first if needed) into its own plugin folder.
kafka_plugin() {
  if [[ "$KAFKAGUARD_LINE" != floor && "$KAFKAGUARD_PULUMI_SOURCE" == build ]]; then
    KAFKAGUARD_LINE=floor bash scripts/toolchain/install-kafka-plugin.sh
    local name="resource-kafka-v$PULUMI_KAFKA_VERSION"
    local from="$KAFKAGUARD_CACHE/pulumi-home-sarama-$KAFKA_PLUGIN_SARAMA_VERSION/plugins/$name" to="$PULUMI_HOME/plugins/$name"
    if ! cmp -s "$from/.kafkaguard-build" "$to/.kafkaguard-build" 2>/dev/null; then
      mkdir -p "$PULUMI_HOME/plugins"
      rm -rf "$to.tmp" && cp -a "$from" "$to.tmp" && rm -rf "$to" && mv "$to.tmp" "$to"
      log "copied the Kafka plugin into $to"
    fi
  fi
  bash scripts/toolchain/install-kafka-plugin.sh
}

phase "C/C++ toolchain for the Kafka client's native build" native_build_tools
if [[ "$KAFKAGUARD_LINE" == floor ]]; then
  phase "Node.js" bash scripts/toolchain/install-node.sh
  phase "npm packages" npm_install
  phase "Kafka client's native part for this Node.js" kafka_client_native_build
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
[[ "$KAFKAGUARD_LINE" == current ]] ||
  phase "Node.js for kafkaguard audit (its Kafka client needs >= 22.22)" env KAFKAGUARD_LINE=current bash scripts/toolchain/install-node.sh
