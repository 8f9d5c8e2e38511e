#!/usr/bin/env bash
# Runs every check on both toolchain lines (docs/toolchain.md; versions in scripts/pins.env):
# type checking, lint and formatting once; then, on the floor and on the current line, the language
# host's Go tests, the unit, property and analyzer-protocol tests, and the end-to-end tests with the
# real Pulumi CLI against a local 3-broker Kafka cluster (each client's durability proof on one line).
# Installs what is missing first. Stops every process it starts.
set -euo pipefail
# The lines are defined by their pinned versions, so they use the pinned builds, not a CLI on PATH.
export KAFKAGUARD_PULUMI="${KAFKAGUARD_PULUMI:-build}"
source "$(dirname "$0")/lib/common.sh"
cd "$KAFKAGUARD_ROOT"
started=$(date +%s)
[[ "$KAFKAGUARD_PULUMI_SOURCE" == build ]] ||
  die "scripts/test.sh tests the pinned toolchain lines; unset KAFKAGUARD_PULUMI (or set it to build)"

LINES=(floor current)
# @confluentinc/kafka-javascript's native part (NAN) needs the full Node.js headers of the Node.js it is built for;
# only the machine's (the floor's) are here, so its tests (the "maintained-clients" group of vitest.config.ts) run on
# the floor's Node.js, against the current Kafka.
on_line() { # on_line <line> <command...>: runs a command of this checkout with that line's environment
  local line="$1"
  shift
  KAFKAGUARD_LINE="$line" "$@"
}
in_workspace() { # in_workspace <line> <command...>: runs it in the line's test workspace, with the line's
  # PATH (Node.js, Pulumi CLI) already set, so that vitest itself runs on the line's Node.js
  local line="$1"
  shift
  # shellcheck disable=SC2016
  KAFKAGUARD_LINE="$line" bash -c 'source scripts/lib/common.sh && cd "$KAFKAGUARD_LINE_WORKSPACE" && exec "$@"' \
    in-workspace "$@"
}
current_kafka="$(KAFKAGUARD_LINE=current bash -c 'source scripts/lib/common.sh && printf %s "$KAFKA_VERSION"')"
with_current_kafka() { KAFKAGUARD_KAFKA_VERSION="$current_kafka" "$@"; }
e2e_group() { # e2e_group <group> <command...>: the e2e files of one group of vitest.config.ts
  KAFKAGUARD_E2E_GROUP="$1" "${@:2}"
}
stop_clusters() {
  local line
  for line in "${LINES[@]}"; do in_workspace "$line" bash scripts/kafka/cluster.sh stop || true; done
  with_current_kafka in_workspace floor bash scripts/kafka/cluster.sh stop || true
}

for line in "${LINES[@]}"; do
  phase "setup: $line line" on_line "$line" bash scripts/setup.sh
done
# Only the tests need it (the previews of the Kubernetes operators' examples), so scripts/setup.sh leaves it out.
phase "setup: Kubernetes resource plugin" bash scripts/toolchain/install-kubernetes-plugin.sh
phase "type check (tsc strict)" npm run --silent typecheck
phase "lint (ESLint, Prettier)" npm run --silent lint

trap stop_clusters EXIT
for line in "${LINES[@]}"; do
  phase "$line line: language host tests (Go, over gRPC)" on_line "$line" bash scripts/toolchain/test-language-host.sh
  # A fresh cluster for every run: topics left by an earlier run (or one that was stopped halfway) would be judged.
  phase "$line line: reset the local Kafka cluster" in_workspace "$line" bash scripts/kafka/cluster.sh reset
  phase "$line line: start the local Kafka cluster" in_workspace "$line" bash scripts/kafka/cluster.sh start
  phase "$line line: unit, property and analyzer-protocol tests" in_workspace "$line" npx vitest run --project unit
  # The maintained client's proof and presets run in their own phase below; KafkaJS's on the floor's Kafka 3.9
  # only (it cannot talk to Kafka 4, so vitest.config.ts leaves its files out there).
  phase "$line line: end-to-end tests (real Pulumi CLI and Kafka cluster)" \
    e2e_group line in_workspace "$line" npx vitest run --project e2e
  phase "$line line: stop the local Kafka cluster" in_workspace "$line" bash scripts/kafka/cluster.sh stop
done

phase "maintained clients on Kafka $current_kafka: reset the cluster" with_current_kafka in_workspace floor bash scripts/kafka/cluster.sh reset
phase "maintained clients on Kafka $current_kafka: start the cluster" with_current_kafka in_workspace floor bash scripts/kafka/cluster.sh start
phase "maintained clients on Kafka $current_kafka: durability proof and presets (Node.js of the floor)" \
  with_current_kafka e2e_group maintained-clients in_workspace floor npx vitest run --project e2e
phase "maintained clients on Kafka $current_kafka: stop the cluster" with_current_kafka in_workspace floor bash scripts/kafka/cluster.sh stop

log "all checks passed on the floor and current lines in $(($(date +%s) - started))s"
