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
    // kafkaguard's part: the diagnostic on a topic. The engine stops on the first policy error, and which of the
    // example's topics is analyzed first depends on timing, so any topic's block counts; each one must be the line.
    // (When the engine stops, the program may still have a call in flight; the Node.js SDK then reports its own
    // "resource monitor shut down" error, with a stack trace, on the stack resource. That is Pulumi's report of the
    // stop, not kafkaguard's.)
    const diagnostics = diagnosticsOf(result.output, /^kafka:index:Topic \(.+\):$/);
    expect(diagnostics.length, result.output).toBeGreaterThan(0);
    for (const diagnostic of diagnostics) {
      expect(diagnostic).toContain(
        'KafkaguardConfigError: kafka-topic-min-insync-replicas does not read "minInSyncReplicas"; it accepts',
      );
      expect(diagnostic).not.toMatch(/^\s+at /m);
    }
  });
});

/** The blocks under "Diagnostics:" in the CLI's output whose resource header matches, each up to the next block. */
function diagnosticsOf(output: string, header: RegExp): string[] {
  const lines = output.split("\n");
  const diagnosticsAt = lines.findIndex((line) => line === "Diagnostics:");
  if (diagnosticsAt < 0) return [];
  const blocks: string[] = [];
  lines.forEach((line, start) => {
    if (start <= diagnosticsAt || !/^\s{2}\S/.test(line) || !header.test(line.trim())) return;
    const end = lines.findIndex((next, index) => index > start && /^\s{0,2}\S/.test(next));
    blocks.push(lines.slice(start + 1, end < 0 ? undefined : end).join("\n"));
  });
  return blocks;
}
