# Shared settings and helpers for kafkaguard's scripts. Source it; do not run it.
# Everything heavy lives under $KAFKAGUARD_CACHE (outside the repository) so rebuilding is idempotent.

KAFKAGUARD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export KAFKAGUARD_ROOT
export KAFKAGUARD_CACHE="${KAFKAGUARD_CACHE:-$HOME/.cache/kafkaguard}"

# Pinned versions: the CLI and language host match the @pulumi/pulumi SDK in package.json,
# the resource plugin matches @pulumi/kafka.
export PULUMI_VERSION="3.248.0"
export PULUMI_KAFKA_VERSION="3.13.2"
# The Node.js that runs `kafkaguard audit` in tests (its Kafka client needs >= 22.22; the project's floor is 20).
export KAFKAGUARD_AUDIT_NODE_VERSION="24.22.3"
export KAFKAGUARD_AUDIT_NODE_DIR="$KAFKAGUARD_CACHE/node-$KAFKAGUARD_AUDIT_NODE_VERSION"

# Toolchain locations.
export KAFKAGUARD_BIN="$KAFKAGUARD_CACHE/bin"
export PULUMI_HOME="$KAFKAGUARD_CACHE/pulumi-home"
export PATH="$KAFKAGUARD_BIN:$PATH"

# Pulumi runs offline against a local file backend.
export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$KAFKAGUARD_CACHE/state}"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-kafkaguard-local}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

log() { printf '[kafkaguard %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[kafkaguard] ERROR: %s\n' "$*" >&2; exit 1; }
phase() { # phase <label> <command...>: runs one step and reports how long it took
  local label="$1" started
  shift
  started=$(date +%s)
  log "── $label"
  "$@"
  log "── $label: done in $(($(date +%s) - started))s"
}
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not on PATH ($2)"; }

# Local 3-broker KRaft cluster on loopback: broker N listens on 2909(N+1), its controller on 2919(N+1).
export KAFKA_BROKER_PORTS="29092 29093 29094"
export KAFKA_CONTROLLER_PORTS="29192 29193 29194"
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094"
# A SASL_PLAINTEXT (PLAIN) listener on every broker, with one local user, for authentication tests. Not named
# KAFKA_SASL_*: the Kafka provider plugin reads those variables and would turn SASL on for every stack.
export KAFKAGUARD_SASL_PORTS="29292 29293 29294"
export KAFKAGUARD_SASL_BOOTSTRAP_SERVERS="127.0.0.1:29292,127.0.0.1:29293,127.0.0.1:29294"
export KAFKAGUARD_SASL_USER="kafkaguard"
export KAFKAGUARD_SASL_PASSWORD="kafkaguard-local"
export KAFKA_CLUSTER_DIR="${KAFKA_CLUSTER_DIR:-$KAFKAGUARD_CACHE/cluster}"
