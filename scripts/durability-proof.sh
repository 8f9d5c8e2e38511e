#!/usr/bin/env bash
# Reproduces the figures in docs/durability-proof.md: runs the durability proof (test/e2e/durability) on the
# local 3-node Kafka cluster — real SIGKILLs of brokers, real clients — and prints each scenario's figures, then
# the whole table. Installs what is missing first (scripts/setup.sh); the cluster is started if it is not
# running, and stopped again afterwards. Extra arguments go to vitest, e.g. -t "new partitions".
#
# --record (first argument) also writes the figures into docs/figures/durability.json and redraws the charts in
# docs/charts (replacing the rows of the scenarios and client that ran). KAFKAGUARD_KAFKA_VERSION=4.4.0 with
# KAFKAGUARD_E2E_GROUP=maintained-clients runs the maintained client's proof on Kafka 4.4.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$KAFKAGUARD_ROOT"

if [[ "${1:-}" == --record ]]; then
  shift
  export DURABILITY_PROOF_JSON="$KAFKAGUARD_ROOT/docs/figures/durability.json"
fi

bash scripts/setup.sh

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
started=$(date +%s)
DURABILITY_PROOF_REPORT="$report" npx vitest run --project e2e test/e2e/durability "$@"
log "durability proof passed in $(($(date +%s) - started))s; figures:"
cat "$report"
if [[ -n "${DURABILITY_PROOF_JSON:-}" ]]; then
  npx vite-node scripts/docs/draw-charts.ts
fi
