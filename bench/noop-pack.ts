import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { REPO_ROOT } from "../test/support/analyzer-client";

/** A throwaway policy pack folder; remove it with `dispose`. */
export interface GeneratedPack {
  dir: string;
  dispose(): Promise<void>;
}

/**
 * The baseline every pack figure is compared with: a pack with one policy that does nothing, started the same way.
 * It lives in a git-ignored folder of the repository so that it resolves the same @pulumi/policy and
 * @pulumi/pulumi (the Pulumi CLI looks for @pulumi/pulumi/cmd/run-policy-pack from the pack's folder).
 */
export async function createNoopPack(): Promise<GeneratedPack> {
  const parent = path.join(REPO_ROOT, "bin/bench");
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, "noop-pack-"));
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "noop-pack", version: "0.1.0", main: "index.js" }, null, 2),
    "PulumiPolicy.yaml": "runtime: nodejs\ndescription: Baseline pack with one no-op policy.\n",
    "index.js": [
      `const { PolicyPack } = require("@pulumi/policy");`,
      `new PolicyPack("noop", {`,
      `  policies: [{`,
      `    name: "noop",`,
      `    description: "Accepts every resource.",`,
      `    enforcementLevel: "mandatory",`,
      `    validateResource: () => {},`,
      `  }],`,
      `});`,
      ``,
    ].join("\n"),
  };
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(path.join(dir, name), text)));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
