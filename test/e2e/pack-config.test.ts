import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { POLICY_PACK_DIR, TestStack } from "../support/toolchain";

describe("a bad policy configuration with the real CLI", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.create(path.join(REPO_ROOT, "examples/compliant"));
  });

  afterAll(async () => {
    await stack?.remove();
  });

  function preview(config: object) {
    const file = TestStack.policyConfigFile(config);
    return stack.pulumi([
      "preview",
      "--non-interactive",
      "--policy-pack",
      POLICY_PACK_DIR,
      "--policy-pack-config",
      file,
    ]);
  }

  it("is refused before the program runs, one line per problem", async () => {
    const result = await preview({
      "kafka-topic-min-replication-factor": { minReplicationFactor: "3" },
      "kafka-topic-min-insync-replicas": {
        minInsyncReplicas: -1,
        clusterDefaults: {
          "min.insync.replicas": "two",
          "unclean.leader.election.enable": "yes",
          "min.insync.replicas ": 2,
        },
        exemptions: [
          { pattern: "orders-(", reason: "unbalanced" },
          { pattern: "x)|(.*", reason: "would exempt every topic once wrapped" },
          { pattern: "legacy-.*", reason: " " },
        ],
      },
    });
    expect(result.code).not.toBe(0);
    const problems = result.output.split("\n").filter((line) => line.includes("error: validating policy config:"));
    for (const expected of [
      "minInsyncReplicas: Must be greater than or equal to 2",
      "minReplicationFactor: Invalid type. Expected: integer, given: string",
      "clusterDefaults.min.insync.replicas: Does not match pattern",
      "clusterDefaults.unclean.leader.election.enable: Does not match pattern",
      "clusterDefaults: Additional property min.insync.replicas  is not allowed",
      "exemptions.0.pattern: Does not match format 'regex'",
      "exemptions.1.pattern: Does not match format 'regex'",
      "exemptions.2.reason: Does not match pattern",
    ]) {
      expect(
        problems.some((line) => line.includes(expected)),
        `${expected}\n${result.output}`,
      ).toBe(true);
    }
    expect(result.output).not.toMatch(/^\s+at /m);
    expect(result.output).not.toContain("kafka:index:Topic");
  });

  it("that only the pack can see (a misspelt key) stops the preview with one line, not a stack trace", async () => {
    const result = await preview({ "kafka-topic-min-insync-replicas": { minInSyncReplicas: 3 } });
    expect(result.code).not.toBe(0);
    // kafkaguard's part: the diagnostic on the topic. (When the engine stops on the policy error, the program may
    // still have a call in flight; the Node.js SDK then reports its own "resource monitor shut down" error, with a
    // stack trace, on the stack resource. That is Pulumi's report of the stop, not kafkaguard's.)
    const diagnostic = diagnosticOf(result.output, "kafka:index:Topic (shipments):");
    expect(diagnostic).toContain(
      'KafkaguardConfigError: kafka-topic-min-insync-replicas does not read "minInSyncReplicas"; it accepts',
    );
    expect(diagnostic).not.toMatch(/^\s+at /m);
  });
});

/** The lines of one resource's block under "Diagnostics:" in the CLI's output, up to the next block. */
function diagnosticOf(output: string, header: string): string {
  const lines = output.split("\n");
  const start = lines.findIndex((line) => line.trim() === header);
  if (start < 0) throw new Error(`no diagnostics for ${header} in:\n${output}`);
  const end = lines.findIndex((line, index) => index > start && /^\s{0,2}\S/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}
