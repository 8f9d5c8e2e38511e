#!/usr/bin/env bash
# Runs the language host's Go tests (pulumi-language-nodejs/main_test.go) against the selected
# toolchain line's sdk/v3, in the build module that scripts/toolchain/install-pulumi.sh prepared,
# with the line's Node.js on PATH.
# Usage: [KAFKAGUARD_LINE=floor|current] scripts/toolchain/test-language-host.sh
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"

module="$KAFKAGUARD_TOOLSET_DIR/src"
[[ -f "$module/go.mod" && -f "$module/main_test.go" ]] ||
  die "the language host's build module $module is missing: run KAFKAGUARD_LINE=$KAFKAGUARD_LINE KAFKAGUARD_PULUMI=build bash scripts/toolchain/install-pulumi.sh first"
need go "Go runs the language host's tests"
need node "the tests start Node.js"
log "language host tests: sdk/v3 $PULUMI_VERSION, Node.js $(node --version)"
cd "$module"
GOWORK=off go test -count=1 -v . 2>&1 | grep -Ev '^=== (RUN|PAUSE|CONT)'
