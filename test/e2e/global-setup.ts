import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/analyzer-client";
import { toolchainEnv } from "../support/toolchain";

const CLUSTER = path.join(REPO_ROOT, "scripts/kafka/cluster.sh");

function clusterRunning(): boolean {
  try {
    execFileSync("bash", [CLUSTER, "status"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * End-to-end tests need the real Pulumi CLI, the Kafka plugin and a running cluster. The toolchain is built
 * by scripts/setup.sh (minutes on a fresh machine), so a missing piece fails loudly here; the cluster is
 * started here if it is not running, and stopped again afterwards.
 */
export default function setup(): () => void {
  const env = toolchainEnv();
  const bin = env["KAFKAGUARD_BIN"] ?? "";
  // A system CLI (KAFKAGUARD_PULUMI=system) brings its own language host.
  const tools =
    env["KAFKAGUARD_PULUMI_SOURCE"] === "build"
      ? ["pulumi", "pulumi-language-nodejs", "pulumi-language-yaml"].map((tool) => path.join(bin, tool))
      : [env["KAFKAGUARD_PULUMI_CLI"] ?? ""];
  for (const tool of tools) {
    if (!existsSync(tool)) {
      throw new Error(`${tool} is not installed: run "bash scripts/setup.sh" (or the README's test command) first`);
    }
  }
  for (const compiled of ["dist/policy-pack/bundled.js", "dist/cli/main.js", "dist/provider/index.js"]) {
    if (!existsSync(path.join(REPO_ROOT, compiled))) throw new Error(`${compiled} is missing: run "npm run build"`);
  }
  const startedHere = !clusterRunning();
  if (startedHere) execFileSync("bash", [CLUSTER, "start"], { stdio: "inherit" });
  return () => {
    if (startedHere) execFileSync("bash", [CLUSTER, "stop"], { stdio: "inherit" });
  };
}
