import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { ClusterAdmin } from "../support/kafka-admin";
import { waitFor } from "../support/kafkaguard-cli";
import { POLICY_PACK_DIR, TestStack } from "../support/toolchain";

const COMPLIANT_TOPICS = ["invoices", "shipments"];
const TOPIC_POLICIES = [
  "kafka-topic-min-replication-factor",
  "kafka-topic-min-insync-replicas",
  "kafka-topic-replicas-above-min-insync",
  "kafka-topic-no-unclean-leader-election",
];

let admin: ClusterAdmin;

beforeAll(async () => {
  admin = await ClusterAdmin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
});

function expectDurable(topic: Awaited<ReturnType<ClusterAdmin["describe"]>>) {
  expect(topic.partitions).toBeGreaterThan(0);
  expect(new Set(topic.replicationFactors)).toEqual(new Set([3]));
  expect(topic.config["min.insync.replicas"]).toBe("2");
  expect(topic.config["unclean.leader.election.enable"]).toBe("false");
}

describe("pulumi up of the compliant example on the real cluster", () => {
  let stack: TestStack;

  beforeAll(async () => {
    await admin.deleteIfPresent(COMPLIANT_TOPICS);
    stack = await TestStack.create(path.join(REPO_ROOT, "examples/compliant"));
  });

  afterAll(async () => {
    await stack?.remove();
    await admin.deleteIfPresent(COMPLIANT_TOPICS);
  });

  it("creates durable topics, is a no-op the second time, and honours the deletion guard", async () => {
    const up = await stack.up("--policy-pack", POLICY_PACK_DIR);
    expect(up.code, up.output).toBe(0);
    for (const name of COMPLIANT_TOPICS) expectDurable(await admin.describe(name));

    const again = await stack.up("--expect-no-changes", "--policy-pack", POLICY_PACK_DIR);
    expect(again.code, again.output).toBe(0);

    // Both topics are protected: destroy refuses, and the messages' home stays.
    const destroy = await stack.destroy();
    expect(destroy.code).not.toBe(0);
    expect(destroy.output).toMatch(/protect/i);
    expect(await admin.topicNames()).toEqual(expect.arrayContaining(COMPLIANT_TOPICS));

    // Deleting on purpose takes an explicit unprotect.
    const unprotect = await stack.pulumi(["state", "unprotect", "--all", "--yes", "--non-interactive"]);
    expect(unprotect.code, unprotect.output).toBe(0);
    const destroyed = await stack.destroy();
    expect(destroyed.code, destroyed.output).toBe(0);
    // Each broker forgets a deleted topic when it reads the deletion from the metadata log.
    const remaining = await waitFor(
      "the brokers to forget the deleted topics",
      () => admin.topicNames(),
      (names) => COMPLIANT_TOPICS.every((name) => !names.includes(name)),
    );
    for (const name of COMPLIANT_TOPICS) expect(remaining).not.toContain(name);
  });
});

describe("pulumi up with the pack in remediate mode", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.create(path.join(REPO_ROOT, "test/e2e/stacks/remediate"));
  });

  afterAll(async () => {
    await stack?.destroy();
    await stack?.remove();
  });

  it("creates an unsafe topic with compliant settings", async () => {
    const config = TestStack.policyConfigFile(Object.fromEntries(TOPIC_POLICIES.map((name) => [name, "remediate"])));
    const up = await stack.up("--policy-pack", POLICY_PACK_DIR, "--policy-pack-config", config);
    expect(up.code, up.output).toBe(0);
    expectDurable(await admin.describe(`remediated-${stack.name}`));
  });
});
