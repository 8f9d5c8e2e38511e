import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { POLICY_PACK_DIR, TestStack } from "../support/toolchain";

const TOPIC_POLICIES = [
  "kafka-topic-min-replication-factor",
  "kafka-topic-min-insync-replicas",
  "kafka-topic-replicas-above-min-insync",
  "kafka-topic-no-unclean-leader-election",
];

function preview(stack: TestStack, ...extra: string[]) {
  return stack.pulumi(["preview", "--policy-pack", POLICY_PACK_DIR, "--non-interactive", ...extra]);
}

describe("pulumi preview --policy-pack with the real CLI", () => {
  const stacks: Record<string, TestStack> = {};
  const stack = (name: string): TestStack => {
    const found = stacks[name];
    if (found === undefined) throw new Error(`stack ${name} was not created`);
    return found;
  };

  beforeAll(async () => {
    stacks["unsafe"] = await TestStack.create(path.join(REPO_ROOT, "examples/unsafe"));
    stacks["compliant"] = await TestStack.create(path.join(REPO_ROOT, "examples/compliant"));
    stacks["demo"] = await TestStack.create(REPO_ROOT);
  });

  afterAll(async () => {
    await Promise.all(Object.values(stacks).map((stack) => stack.remove()));
  });

  it("blocks the unsafe example and names every policy it breaks", async () => {
    const result = await preview(stack("unsafe"));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("[mandatory]");
    for (const policy of TOPIC_POLICIES) expect(result.output).toContain(policy);
    expect(result.output).toContain('Topic "unsafe-default-min-isr": min.insync.replicas is not set on the topic');
  });

  it.each(["compliant", "demo"])("passes the %s stack with no violation", async (name) => {
    const result = await preview(stack(name));
    expect(result.output).not.toMatch(/\[(mandatory|advisory)\]/);
    expect(result.code, result.output).toBe(0);
  });

  it("a policy configuration file changes the verdict: a stricter threshold blocks the compliant example", async () => {
    const config = TestStack.policyConfigFile({ "kafka-topic-min-replication-factor": { minReplicationFactor: 4 } });
    const result = await preview(stack("compliant"), "--policy-pack-config", config);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("below the minimum of 4");
  });

  it("one settings block (KAFKAGUARD_SETTINGS) changes the verdict: exemptions let the unsafe example through, visibly", async () => {
    const settings = TestStack.policyConfigFile({
      exemptions: [{ pattern: "unsafe-.*", reason: "demonstration topics, never used by services" }],
    });
    const unsafe = stack("unsafe");
    unsafe.env["KAFKAGUARD_SETTINGS"] = settings;
    const result = await preview(unsafe).finally(() => delete unsafe.env["KAFKAGUARD_SETTINGS"]);
    expect(result.output).not.toContain("[mandatory]");
    expect(result.output).toContain("kafka-topic-exemption-notice");
    expect(result.output).toContain("demonstration topics, never used by services");
    expect(result.code, result.output).toBe(0);
  });
});
