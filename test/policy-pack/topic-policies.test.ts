import { describe, expect, it } from "vitest";
import { policies } from "../../policy-pack/policies";
import { topicPolicies } from "../../policy-pack/policies/topic-policies";
import { PACK_POLICY_NAMES } from "./pack-policy-names";
import { UNKNOWN_NUMBER, UNKNOWN_OBJECT, UNKNOWN_STRING, remediate, runPolicy, runStackPolicy } from "./run-policy";

const TOPIC = "kafka:index/topic:Topic";

function policy(name: string) {
  const found = topicPolicies.find((p) => p.name === name);
  if (found === undefined) throw new Error(`no policy ${name}`);
  return found;
}

function kafkaTopic(replicationFactor: unknown, config?: Record<string, unknown>) {
  return { type: TOPIC, name: "orders", props: { name: "orders", partitions: 3, replicationFactor, config } };
}

const SAFE = { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" };

describe("pack metadata", () => {
  it("has one mandatory policy per rule with stable kebab-case names, description and remediation", () => {
    expect(policies.map((p) => p.name)).toEqual(PACK_POLICY_NAMES);
    for (const p of topicPolicies) {
      expect(p.name).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(p.enforcementLevel).toBe("mandatory");
      expect(p.description.length).toBeGreaterThan(40);
      expect(p.remediationSteps?.length).toBeGreaterThan(20);
      expect(p.severity).toBeDefined();
      expect(p.remediateResource).toBeTypeOf("function");
    }
  });
});

describe.each<[string, unknown, Record<string, unknown> | undefined, boolean]>([
  ["kafka-topic-min-replication-factor", 2, SAFE, true],
  ["kafka-topic-min-replication-factor", 3, SAFE, false],
  ["kafka-topic-min-insync-replicas", 3, {}, true],
  ["kafka-topic-min-insync-replicas", 3, SAFE, false],
  ["kafka-topic-replicas-above-min-insync", 3, { "min.insync.replicas": "3" }, true],
  ["kafka-topic-replicas-above-min-insync", 3, SAFE, false],
  ["kafka-topic-no-unclean-leader-election", 3, { ...SAFE, "unclean.leader.election.enable": "True" }, true],
  ["kafka-topic-no-unclean-leader-election", 3, SAFE, false],
])("%s on RF %j with %j", (name, rf, config, violates) => {
  it(violates ? "reports a violation that names the topic and the fix" : "passes", async () => {
    const outcome = await runPolicy(policy(name), kafkaTopic(rf, config));
    expect(outcome.kind).toBe("violations");
    const messages = outcome.kind === "violations" ? outcome.messages : [];
    expect(messages).toHaveLength(violates ? 1 : 0);
    if (violates) expect(messages[0]).toMatch(/^Topic "orders": .*(set|use) /);
  });
});

describe("topic policies", () => {
  it("do not apply to other resource types", async () => {
    const outcome = await runPolicy(policy("kafka-topic-min-replication-factor"), {
      type: "kafka:index/acl:Acl",
      props: { aclResourceName: "orders" },
    });
    expect(outcome.kind).toBe("not-applicable");
  });

  it("fall back to the resource name when the topic name is not set", async () => {
    const outcome = await runPolicy(policy("kafka-topic-min-replication-factor"), {
      type: TOPIC,
      name: "audit",
      props: { replicationFactor: 1, config: SAFE },
    });
    expect(outcome).toMatchObject({ kind: "violations", messages: [expect.stringContaining('Topic "audit"')] });
  });

  it.each<[string, Record<string, unknown>]>([
    ["kafka-topic-min-replication-factor", { replicationFactor: UNKNOWN_NUMBER, config: SAFE }],
    ["kafka-topic-min-insync-replicas", { replicationFactor: 3, config: { "min.insync.replicas": UNKNOWN_STRING } }],
    ["kafka-topic-min-insync-replicas", { replicationFactor: 3, config: UNKNOWN_OBJECT }],
    [
      "kafka-topic-no-unclean-leader-election",
      { replicationFactor: 3, config: { ...SAFE, "unclean.leader.election.enable": UNKNOWN_STRING } },
    ],
    ["kafka-topic-min-replication-factor", { name: UNKNOWN_STRING, replicationFactor: 3, config: SAFE }],
  ])("%s never reports an unknown value as compliant (%j)", async (name, props) => {
    const outcome = await runPolicy(policy(name), { type: TOPIC, props });
    expect(outcome.kind).toBe("unknown-during-preview");
  });

  it("use the cluster defaults from the configuration for unset keys", async () => {
    const resource = kafkaTopic(3, {});
    expect(await runPolicy(policy("kafka-topic-min-insync-replicas"), resource)).toMatchObject({
      messages: [expect.any(String)],
    });
    const withDefaults = { ...resource, config: { clusterDefaults: { "min.insync.replicas": "2" } } };
    expect(await runPolicy(policy("kafka-topic-min-insync-replicas"), withDefaults)).toEqual({
      kind: "violations",
      messages: [],
    });
  });

  it("apply thresholds from the configuration", async () => {
    const resource = { ...kafkaTopic(3, SAFE), config: { minReplicationFactor: 5 } };
    expect(await runPolicy(policy("kafka-topic-min-replication-factor"), resource)).toMatchObject({
      messages: [expect.stringContaining("below the minimum of 5")],
    });
  });

  it("skip exempt topics and the notice policy reports the reason", async () => {
    const config = { exemptions: [{ pattern: "ord.*", reason: "legacy topic, migration tracked in OPS-12" }] };
    const resource = { ...kafkaTopic(1, {}), config };
    expect(await runPolicy(policy("kafka-topic-min-replication-factor"), resource)).toEqual({
      kind: "violations",
      messages: [],
    });
    const notice = policies.find((p) => p.name === "kafka-topic-exemption-notice");
    if (notice === undefined || !("validateStack" in notice)) throw new Error("notice policy missing");
    const noticed = await runStackPolicy(notice, [resource]);
    expect(noticed).toEqual({
      kind: "violations",
      violations: [
        {
          resource: "orders",
          message: expect.stringMatching(
            /exempt from kafka-topic-min-replication-factor .*legacy topic, migration tracked in OPS-12$/,
          ),
        },
      ],
    });
    // Reported once: the notice clears what it reported.
    expect(await runStackPolicy(notice, [resource])).toEqual({ kind: "violations", violations: [] });
  });

  it("surface a bad configuration as a one-line error", async () => {
    const resource = { ...kafkaTopic(3, SAFE), config: { minInsyncReplicas: 1 } };
    await expect(runPolicy(policy("kafka-topic-min-insync-replicas"), resource)).rejects.toThrow(
      /^kafka-topic-min-insync-replicas: minInsyncReplicas must be at least 2/,
    );
  });
});

describe("remediation", () => {
  it.each<[string, unknown, Record<string, unknown> | undefined, Record<string, unknown>]>([
    ["kafka-topic-min-replication-factor", 1, SAFE, { replicationFactor: 3, config: SAFE }],
    [
      "kafka-topic-min-insync-replicas",
      3,
      { "retention.ms": "1000" },
      { replicationFactor: 3, config: { "retention.ms": "1000", "min.insync.replicas": "2" } },
    ],
    [
      "kafka-topic-replicas-above-min-insync",
      3,
      { "min.insync.replicas": "3" },
      { replicationFactor: 3, config: { "min.insync.replicas": "2" } },
    ],
    [
      "kafka-topic-no-unclean-leader-election",
      3,
      { ...SAFE, "unclean.leader.election.enable": "true" },
      { replicationFactor: 3, config: SAFE },
    ],
  ])("%s rewrites RF %j / %j to compliant inputs", async (name, rf, config, expected) => {
    const fixed = await remediate(policy(name), kafkaTopic(rf, config));
    expect(fixed).toMatchObject({ name: "orders", partitions: 3, ...expected });
  });

  it.each(topicPolicies.map((p) => [p.name]))("%s leaves a compliant topic untouched", async (name) => {
    expect(await remediate(policy(name), kafkaTopic(3, SAFE))).toBeUndefined();
  });

  it("chained in pack order, turns the least safe topic into a compliant one", async () => {
    let props: Record<string, unknown> = kafkaTopic(1, { "unclean.leader.election.enable": "true" }).props;
    for (const p of topicPolicies) props = (await remediate(p, { type: TOPIC, props })) ?? props;
    for (const p of topicPolicies) {
      expect(await runPolicy(p, { type: TOPIC, props })).toEqual({ kind: "violations", messages: [] });
    }
  });
});
