import { describe, expect, it } from "vitest";
import {
  type ClusterDeclaration,
  DEFAULT_THRESHOLDS,
  type InheritedDefaults,
  brokerCount,
  clusterMinBrokers,
  describeTopicDurability,
  nodePoolBrokerCount,
  topicMinInsyncBelowBrokers,
  topicReplicasWithinBrokers,
} from "../../core";

function cluster(brokers: unknown): ClusterDeclaration {
  return {
    subject: 'MSK cluster "prod"',
    brokersKey: "numberOfBrokerNodes",
    brokers: brokerCount(brokers),
    fix: (n) => `set numberOfBrokerNodes to ${n} or more`,
  };
}

function topic(replicationFactor: unknown, minInsync?: string, stack?: InheritedDefaults) {
  const config = minInsync === undefined ? {} : { "min.insync.replicas": minInsync };
  return describeTopicDurability(
    { topicName: "orders", replicationFactor, replicationFactorKey: "replicationFactor", config },
    {},
    stack,
  );
}

describe("cluster broker counts", () => {
  it.each<[string, unknown, number, boolean]>([
    ["3 brokers", 3, 3, false],
    ["6 brokers", 6, 3, false],
    ["2 brokers", 2, 3, true],
    ["1 broker", 1, 3, true],
    ["3 brokers, minimum 4", 3, 4, true],
    ["not a number", "three", 3, true],
    ["zero", 0, 3, true],
  ])("%s", (_label, brokers, minReplicationFactor, violates) => {
    const messages = clusterMinBrokers.check(cluster(brokers), { ...DEFAULT_THRESHOLDS, minReplicationFactor });
    expect(messages).toHaveLength(violates ? 1 : 0);
    if (violates) expect(messages[0]).toMatch(/^MSK cluster "prod": .*; set numberOfBrokerNodes to \d+ or more\.$/);
  });

  it("says how many brokers there are and how many are needed", () => {
    expect(clusterMinBrokers.check(cluster(1), DEFAULT_THRESHOLDS)).toEqual([
      'MSK cluster "prod": it has 1 broker (numberOfBrokerNodes), fewer than the 3 that replication factor 3 needs, so no topic can keep 3 copies; set numberOfBrokerNodes to 3 or more.',
    ]);
  });

  it.each<[string, { name: string; replicas: unknown }[], number | string]>([
    [
      "sums broker pools",
      [
        { name: "a", replicas: 2 },
        { name: "b", replicas: 1 },
      ],
      3,
    ],
    [
      "an empty pool counts 0",
      [
        { name: "a", replicas: 0 },
        { name: "b", replicas: 3 },
      ],
      3,
    ],
    ["no brokers at all", [{ name: "a", replicas: 0 }], "no broker-role node pool"],
    ["a malformed pool", [{ name: "a", replicas: "2" }], 'node pool "a" has replicas "2"'],
  ])("node pools: %s", (_label, pools, expected) => {
    const counted = nodePoolBrokerCount(pools);
    if (typeof expected === "number") expect(counted).toEqual({ ok: true, value: expected });
    else expect(counted).toMatchObject({ ok: false, problem: expect.stringContaining(expected) });
  });
});

describe("topics against the brokers of their cluster", () => {
  it.each<[string, unknown, string | undefined, unknown, string[]]>([
    ["RF 3 on 3 brokers", 3, "2", 3, []],
    ["RF 3 on 2 brokers", 3, "1", 2, [topicReplicasWithinBrokers.id]],
    ["RF 3, min ISR 2 on 2 brokers", 3, "2", 2, [topicReplicasWithinBrokers.id, topicMinInsyncBelowBrokers.id]],
    ["min ISR equals brokers", 3, "3", 3, [topicMinInsyncBelowBrokers.id]],
    ["min ISR above brokers", 5, "4", 3, [topicReplicasWithinBrokers.id, topicMinInsyncBelowBrokers.id]],
    ["unknown broker count", 3, "3", "x", []],
    ["malformed topic values are left to the topic rules", "x", "y", 3, []],
  ])("%s", (_label, rf, minIsr, brokers, expected) => {
    const found = [topicReplicasWithinBrokers, topicMinInsyncBelowBrokers].filter(
      (rule) => rule.check(topic(rf, minIsr), cluster(brokers)).length > 0,
    );
    expect(found.map((rule) => rule.id)).toEqual(expected);
  });

  it("uses what the topic inherits from its cluster in the stack", () => {
    const stack = {
      values: { "default.replication.factor": "4", "min.insync.replicas": "3" },
      from: 'MSK cluster "prod"',
    };
    expect(topicReplicasWithinBrokers.check(topic(undefined, undefined, stack), cluster(3))).toEqual([
      'Topic "orders": replicationFactor is not set on the topic, so it inherits the default "4" of MSK cluster "prod", more than the 3 brokers of MSK cluster "prod" (numberOfBrokerNodes), so Kafka refuses to create it; set numberOfBrokerNodes to 4 or more, or set replicationFactor to 3.',
    ]);
    expect(topicMinInsyncBelowBrokers.check(topic(undefined, undefined, stack), cluster(3))).toEqual([
      'Topic "orders": min.insync.replicas is not set on the topic, so it inherits the default "3" of MSK cluster "prod", equal to the 3 brokers of MSK cluster "prod" (numberOfBrokerNodes), so any broker restart (a rolling upgrade, a patch) blocks every acks=all write; set numberOfBrokerNodes to 4 or more, or set config "min.insync.replicas" below 3.',
    ]);
  });
});
