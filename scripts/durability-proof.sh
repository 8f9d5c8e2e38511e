#!/usr/bin/env bash
# Reproduces the figures in docs/durability-proof.md: runs the durability proof (test/e2e/durability) on the
# local 3-node Kafka cluster — real SIGKILLs of brokers, real clients — and prints each scenario's figures, then
# the whole table. Installs what is missing first (scripts/setup.sh); the cluster is started if it is not
# running, and stopped again afterwards. Extra arguments go to vitest, e.g. -t "new partitions".
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$KAFKAGUARD_ROOT"

bash scripts/setup.sh

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
started=$(date +%s)
DURABILITY_PROOF_REPORT="$report" npx vitest run --project e2e test/e2e/durability "$@"
log "durability proof passed in $(($(date +%s) - started))s; figures:"
cat "$report"
