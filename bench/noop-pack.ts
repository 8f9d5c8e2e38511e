import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { REPO_ROOT } from "../test/support/analyzer-client";

/** A throwaway policy pack folder; remove it with `dispose`. */
export interface GeneratedPack {
  dir: string;
  dispose(): Promise<void>;
}

/** How many no-op policies of each kind a generated pack has. */
export interface NoopPolicyCounts {
  resource: number;
  stack: number;
  /**
   * How many of the resource policies report every resource as not applicable, as exactly as a pack can: with a
   * reason, and without the stack trace @pulumi/policy's exception for it would capture (as kafkaguard does).
   */
  notApplicable?: number;
}

/** A not-applicable report of kafkaguard's length, made the way policy-pack/policies/not-applicable.ts makes it. */
const NOT_APPLICABLE_BODY =
  "(args) => { const limit = Error.stackTraceLimit; Error.stackTraceLimit = 0; " +
  "try { args.notApplicable(`${args.type} holds no producer settings of Kafka Connect`); } " +
  "finally { Error.stackTraceLimit = limit; } }";

/**
 * A pack whose policies do nothing, started the same way as kafkaguard. With one resource policy it is the baseline
 * every pack figure is compared with; with as many policies as kafkaguard has it is the framework's own cost of that
 * many policies (@pulumi/policy deserializes a resource's properties once per policy), and with as many of them
 * reporting not applicable as kafkaguard's do for a topic, the framework's floor for kafkaguard's exact reports. It
 * lives in a git-ignored folder of the repository so that it resolves the same @pulumi/policy and @pulumi/pulumi (the
 * Pulumi CLI looks for @pulumi/pulumi/cmd/run-policy-pack from the pack's folder).
 */
export async function createNoopPack(counts: NoopPolicyCounts = { resource: 1, stack: 0 }): Promise<GeneratedPack> {
  const parent = path.join(REPO_ROOT, "bin/bench");
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, "noop-pack-"));
  const notApplicable = counts.notApplicable ?? 0;
  const policy = (kind: "resource" | "stack", index: number) =>
    `  { name: "noop-${kind}-${index}", description: "Accepts everything.", enforcementLevel: "mandatory", ` +
    `validate${kind === "resource" ? "Resource" : "Stack"}: ${kind === "resource" && index < notApplicable ? NOT_APPLICABLE_BODY : "() => {}"} },`;
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "noop-pack", version: "0.1.0", main: "index.js" }, null, 2),
    "PulumiPolicy.yaml": "runtime: nodejs\ndescription: Baseline pack of no-op policies.\n",
    "index.js": [
      `const { PolicyPack } = require("@pulumi/policy");`,
      `new PolicyPack("noop", { policies: [`,
      ...Array.from({ length: counts.resource }, (_, index) => policy("resource", index)),
      ...Array.from({ length: counts.stack }, (_, index) => policy("stack", index)),
      `] });`,
      ``,
    ].join("\n"),
  };
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(path.join(dir, name), text)));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
