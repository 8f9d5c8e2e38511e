#!/usr/bin/env bash
# The kafkaguard demo: installs what is needed, starts a local 3-broker Kafka cluster, and runs
# `pulumi preview --policy-pack` on the unsafe example (blocked, with the reasons) and on the
# compliant example (passes). Safe to run again; later runs take seconds to set up.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$KAFKAGUARD_ROOT"

bash scripts/setup.sh
log "── starting the local Kafka cluster (3 brokers on 127.0.0.1:29092-29094)"
bash scripts/kafka/cluster.sh start

# preview_example <dir>: previews one example with the pack on a local "demo" stack; prints the exit code.
preview_example() {
  local dir="$1" code=0
  (cd "$dir" && pulumi stack select --create demo --non-interactive >/dev/null)
  (cd "$dir" && pulumi preview --policy-pack "$KAFKAGUARD_ROOT/policy-pack" --non-interactive --stack demo) || code=$?
  return "$code"
}

printf '\n\033[1m1/2  examples/unsafe: raw kafka.Topic resources, each unsafe in its own way\033[0m\n\n'
unsafe_output=$(mktemp)
unsafe_code=0
preview_example examples/unsafe 2>&1 | tee "$unsafe_output" || unsafe_code=$?
[[ $unsafe_code -ne 0 ]] || die "the unsafe example was not blocked; the policy pack did not run as expected"

printf '\n\033[1m2/2  examples/compliant: a DurableTopic and a hand-written topic with every durability key set\033[0m\n\n'
preview_example examples/compliant || die "the compliant example was blocked; see the output above"

violations=$(grep -c '\[mandatory\]' "$unsafe_output" || true)
policies=$(grep '\[mandatory\]' "$unsafe_output" | grep -o 'kafka-[a-z-]*' | sort -u | tr '\n' ' ')
rm -f "$unsafe_output"
cat <<SUMMARY

──────────────────────────────────────────────────────────────────────────────
Summary
  examples/unsafe     BLOCKED: $violations mandatory violations, from: $policies
  examples/compliant  PASSED: RF 3, min.insync.replicas 2, unclean leader election off

Next steps
  - Deploy the compliant example to the local cluster:
      source scripts/lib/common.sh && cd examples/compliant && pulumi up --stack demo --policy-pack ../../policy-pack
  - Run every test:      bash scripts/test.sh
  - Stop the cluster:    bash scripts/kafka/cluster.sh stop
──────────────────────────────────────────────────────────────────────────────
SUMMARY
