import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { bootstrap, kafkaTool, kafkaguard, tempFile, waitFor } from "../support/kafkaguard-cli";
import { POLICY_PACK_DIR, TestStack } from "../support/toolchain";

/**
 * What a stack declared against what runs: `kafkaguard drift` over `pulumi stack export`, and the Pulumi-native
 * path for a topic made out of band: `pulumi import`, then `pulumi policy analyze` with the pack.
 */
describe("drift against a deployed stack, with the real CLI", () => {
  let stack: TestStack;
  let declaredTopic: string;
  let legacyTopic: string;

  beforeAll(async () => {
    stack = await TestStack.create(path.join(REPO_ROOT, "test/e2e/stacks/drift"));
    declaredTopic = `drift-${stack.name}`;
    legacyTopic = `legacy-${stack.name}`;
    const up = await stack.up("--policy-pack", POLICY_PACK_DIR);
    if (up.code !== 0) throw new Error(`pulumi up failed:\n${up.output}`);
  });

  afterAll(async () => {
    await stack?.destroy();
    await stack?.remove();
    if (legacyTopic)
      await kafkaTool("topics", ["--delete", "--topic", legacyTopic, "--if-exists"]).catch(() => undefined);
  });

  async function exportState(): Promise<string> {
    const exported = await stack.pulumi(["stack", "export"]);
    expect(exported.code, exported.output).toBe(0);
    return tempFile("stack.json", exported.stdout);
  }

  async function drift(exportFile: string) {
    return kafkaguard(["drift", "--bootstrap-server", bootstrap(), "--stack-export", exportFile]);
  }

  it("reports no drift right after the deployment", async () => {
    const result = await drift(await exportState());
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("0 of 1 declared topics drifted from the stack.");
  });

  it("reports a value changed live and a durability key the stack never declared", async () => {
    await kafkaTool("configs", [
      "--alter",
      "--entity-type",
      "topics",
      "--entity-name",
      declaredTopic,
      "--add-config",
      "min.insync.replicas=1,unclean.leader.election.enable=true",
    ]);
    const expected = [
      `Topic "${declaredTopic}": the stack declares min.insync.replicas="2", but it is set live to "1".`,
      `Topic "${declaredTopic}": unclean.leader.election.enable="true" is set on the topic live but not declared by the stack, so the next deployment's preview judges a value the topic does not have; declare it in the stack.`,
      "1 of 1 declared topics drifted from the stack.",
    ];
    const exportFile = await exportState();
    // Each broker applies the change when it reads it from the metadata log; wait until the one asked has.
    const result = await waitFor(
      "the brokers to apply the live change",
      () => drift(exportFile),
      (seen) => seen.stdout.trimEnd() === expected.join("\n"),
    );
    expect(result.code, result.output).toBe(1);
    expect(result.stdout.trimEnd().split("\n")).toEqual(expected);
    // The same change is invisible to the pack judging the stack's state: that state still says 2.
    const analyze = await stack.pulumi(["policy", "analyze", "--policy-pack", POLICY_PACK_DIR, "--non-interactive"]);
    expect(analyze.code, analyze.output).toBe(0);
  });

  it("flags an out-of-band unsafe topic once imported, with pulumi policy analyze", async () => {
    await kafkaTool("topics", ["--create", "--topic", legacyTopic, "--partitions", "1", "--replication-factor", "1"]);
    // The provider finds the topic once the broker it asks has read it from the metadata log; until then the
    // import fails in its preview, before it changes anything.
    const imported = await waitFor(
      "the provider to see the new topic",
      () =>
        stack.pulumi([
          "import",
          "kafka:index/topic:Topic",
          "legacy",
          legacyTopic,
          "--yes",
          "--non-interactive",
          "--protect=false",
          "--generate-code=false",
        ]),
      (result) => result.code === 0 || !result.output.includes(`resource '${legacyTopic}' does not exist`),
    );
    expect(imported.code, imported.output).toBe(0);
    const analyze = await stack.pulumi(["policy", "analyze", "--policy-pack", POLICY_PACK_DIR, "--non-interactive"]);
    expect(analyze.code, analyze.output).not.toBe(0);
    expect(analyze.output).toContain(
      `Topic "${legacyTopic}": replicationFactor is 1, below the minimum of 3; set replicationFactor to 3 or more`,
    );
    // The declared topic is compliant in the state: only the advisory deletion-protection notice names it.
    expect(analyze.output).not.toMatch(/\[mandatory\][^\n]*\(kafka:index\/topic:Topic: payments\)/);
  });
});
