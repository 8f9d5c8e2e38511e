#!/usr/bin/env bash
# Runs every check: type checking, lint, formatting, unit and property tests, the policy pack over the
# analyzer protocol, and the end-to-end tests with the real Pulumi CLI against a local 3-broker Kafka cluster.
# Installs what is missing first. Stops every process it starts.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$KAFKAGUARD_ROOT"
started=$(date +%s)

bash scripts/setup.sh

log "── static checks (tsc strict, ESLint, Prettier)"
npm run --silent typecheck
npm run --silent lint

trap 'bash scripts/kafka/cluster.sh stop || true' EXIT
log "── starting the local Kafka cluster"
bash scripts/kafka/cluster.sh start

log "── tests (unit, analyzer protocol, end to end)"
npx vitest run

log "all checks passed in $(($(date +%s) - started))s"
