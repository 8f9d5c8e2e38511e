#!/usr/bin/env bash
# Runs every check: type checking, lint, formatting, unit and property tests, the policy pack over the
# analyzer protocol, and the end-to-end tests with the real Pulumi CLI against a local 3-broker Kafka cluster.
# Installs what is missing first. Stops every process it starts.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$KAFKAGUARD_ROOT"
started=$(date +%s)

phase "setup" bash scripts/setup.sh
phase "type check (tsc strict)" npm run --silent typecheck
phase "lint (ESLint, Prettier)" npm run --silent lint

trap 'bash scripts/kafka/cluster.sh stop || true' EXIT
phase "start the local Kafka cluster" bash scripts/kafka/cluster.sh start
phase "unit, property and analyzer-protocol tests" npx vitest run --project unit
phase "end-to-end tests (real Pulumi CLI and Kafka cluster)" npx vitest run --project e2e

log "all checks passed in $(($(date +%s) - started))s"
