#!/usr/bin/env bash
# Removes the line workspaces (scripts/toolchain/line-workspace.sh) whose checkout no longer exists: each holds a
# full node_modules of about 500 MB, and every clone at a new path makes one. A workspace names its checkout in
# .kafkaguard-checkout; one without that file (being refreshed right now, or made before the file existed) is kept.
#
# Usage: scripts/toolchain/prune-workspaces.sh <workspaces folder>
set -euo pipefail
[[ $# -eq 1 ]] || {
  echo "usage: $0 <workspaces folder>" >&2
  exit 2
}
shopt -s nullglob
for workspace in "$1"/*/; do
  marker="$workspace.kafkaguard-checkout"
  [[ -f "$marker" ]] || continue
  checkout="$(cat "$marker")"
  [[ -n "$checkout" && ! -e "$checkout" ]] || continue
  rm -rf "${workspace%/}"
  printf '[kafkaguard] removed the workspace of %s, which no longer exists (%s)\n' "$checkout" "${workspace%/}" >&2
done
