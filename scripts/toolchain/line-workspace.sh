#!/usr/bin/env bash
# Prepares the workspace in which the tests of a toolchain line other than the floor run: a copy of
# this checkout's files (tracked and new, not ignored) with its own node_modules, installed from
# package.json and package-lock.json with the line's @pulumi/pulumi (scripts/pins.env), and the
# policy pack compiled against it. The checkout's own node_modules keep the floor's SDK; Node.js
# resolves @pulumi/pulumi from the nearest node_modules, so a second version needs its own tree.
#
# The copy lives under $KAFKAGUARD_LINE_DIR/workspaces/, one per checkout, and is refreshed on
# every run; npm runs only when package.json, package-lock.json or the pins changed. The workspaces
# of checkouts that are gone are removed first (prune-workspaces.sh).
# Prints the workspace's path on stdout.
#
# Usage: KAFKAGUARD_LINE=current scripts/toolchain/line-workspace.sh
set -euo pipefail
# shellcheck source=../lib/common.sh
source "$(dirname "$0")/../lib/common.sh"

[[ "$KAFKAGUARD_LINE" != floor ]] || die "the floor line runs in the checkout itself; set KAFKAGUARD_LINE=current"
need git "the workspace copies the files git knows of"
need npm "npm installs the line's packages"
workspace="$KAFKAGUARD_LINE_WORKSPACE"

bash "$(dirname "$0")/prune-workspaces.sh" "$(dirname "$workspace")"
started=$SECONDS
mkdir -p "$workspace"
# Refresh the copy: everything but node_modules is replaced, so deleted files do not linger.
find "$workspace" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
git -C "$KAFKAGUARD_ROOT" ls-files -z --cached --others --exclude-standard |
  (cd "$KAFKAGUARD_ROOT" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
  tar -C "$KAFKAGUARD_ROOT" --null -T - -cf - | tar -C "$workspace" -xf -
printf '%s\n' "$KAFKAGUARD_ROOT" >"$workspace/.kafkaguard-checkout"
log "copied the checkout to $workspace ($((SECONDS - started))s)"

# The line's package versions, written into the copy's package.json files; overrides make every
# package that depends on @pulumi/pulumi share the one version.
node - "$workspace" "$PULUMI_VERSION" "$PULUMI_POLICY_VERSION" "$PULUMI_KAFKA_VERSION" <<'EOF'
const fs = require("fs");
const path = require("path");
const [dir, pulumi, policy, kafka] = process.argv.slice(2);
// Exact versions only: the package's own ranges (peerDependencies, the ready-made pack's package.json) stay.
const pinned = { "package.json": "devDependencies", "provider/package.json": "dependencies" };
for (const [file, field] of Object.entries(pinned)) {
  const full = path.join(dir, file);
  const pkg = JSON.parse(fs.readFileSync(full, "utf8"));
  const pins = { "@pulumi/pulumi": pulumi, "@pulumi/policy": policy, "@pulumi/kafka": kafka };
  for (const [name, version] of Object.entries(pins)) if (pkg[field]?.[name]) pkg[field][name] = version;
  if (file === "package.json") pkg.overrides = { ...pkg.overrides, "@pulumi/pulumi": pulumi };
  fs.writeFileSync(full, JSON.stringify(pkg, null, 2) + "\n");
}
EOF

stamp="$workspace/node_modules/.kafkaguard-line-hash"
hash="$(cat "$workspace/package.json" "$workspace/package-lock.json" | sha256sum | cut -c1-16)-node$(node --version)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
  log "the $KAFKAGUARD_LINE line's npm packages are up to date"
else
  log "installing npm packages with @pulumi/pulumi $PULUMI_VERSION on Node.js $(node --version)…"
  t=$SECONDS
  (cd "$workspace" && npm install "${NPM_INSTALL_FLAGS[@]}" --loglevel=error >&2) ||
    die "npm install failed in $workspace (the $KAFKAGUARD_LINE line's packages)"
  printf '%s\n' "$hash" >"$stamp"
  log "npm packages installed ($((SECONDS - t))s)"
fi
installed="$(node -p 'require(process.argv[1] + "/node_modules/@pulumi/pulumi/package.json").version' "$workspace")"
[[ "$installed" == "$PULUMI_VERSION" ]] || die "the workspace has @pulumi/pulumi $installed, expected $PULUMI_VERSION"

t=$SECONDS
(cd "$workspace" && npm run --silent build >&2) || die "the policy pack does not compile against @pulumi/pulumi $PULUMI_VERSION"
log "compiled the policy pack against @pulumi/pulumi $PULUMI_VERSION ($((SECONDS - t))s)"
printf '%s\n' "$workspace"
