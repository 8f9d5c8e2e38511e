#!/usr/bin/env bash
# Installs everything kafkaguard needs, idempotently: npm packages, the compiled policy pack, the Pulumi CLI
# and Node.js language host, the Kafka resource plugin and Apache Kafka's jars. Heavy builds are cached
# under $KAFKAGUARD_CACHE (~/.cache/kafkaguard); a second run takes seconds.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$KAFKAGUARD_ROOT"

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

phase "C/C++ toolchain for the Kafka client's native build" native_build_tools
phase "npm packages (builds librdkafka for @confluentinc/kafka-javascript on a first install)" npm_install
# The native part of @confluentinc/kafka-javascript (NAN, not Node-API) is built for one Node.js ABI, and the
# test lines run different Node.js versions on one checkout. Each ABI's build (the addon and the librdkafka it
# links) is kept in the cache and put back when the running Node.js needs it, so a switch costs no rebuild.
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
    npm rebuild @confluentinc/kafka-javascript
  fi
  node -e "require('@confluentinc/kafka-javascript')" ||
    die "@confluentinc/kafka-javascript does not load in Node.js $(node --version) (try: rm -rf $package && CKJS_LINKING=dynamic npm ci)"
  if [[ ! -f "$cache/Release/confluent-kafka-javascript.node" ]]; then
    rm -rf "$cache.partial"
    mkdir -p "$cache.partial/Release" "$cache.partial/deps"
    cp -a "$package/build/Release/confluent-kafka-javascript.node" "$cache.partial/Release/"
    cp -a "$package/build/deps/"librdkafka*.so* "$cache.partial/deps/"
    rm -rf "$cache"
    mv "$cache.partial" "$cache"
  fi
}

phase "Kafka client's native part for this Node.js" kafka_client_native_build
phase "compile the policy pack" npm run --silent build
phase "Pulumi CLI and Node.js language host" bash scripts/toolchain/install-pulumi.sh
phase "Kafka resource plugin" bash scripts/toolchain/install-kafka-plugin.sh
phase "Apache Kafka" bash scripts/kafka/install.sh
