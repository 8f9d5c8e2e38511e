import { policySettings } from "../support/policy-settings";
import { describe, expect, it } from "vitest";
import {
  type LiveBroker,
  type LiveCluster,
  type LiveConfigSource,
  type LivePartition,
  type LiveTopic,
  type RuleSettingsLookup,
  auditCluster,
  auditExitCode,
  describeLiveTopic,
  liveBrokerDeclarations,
} from "../../core";

const mandatory: RuleSettingsLookup = () => ({
  enforcement: "mandatory",
  settings: policySettings({}),
});
const advisory: RuleSettingsLookup = () => ({
  enforcement: "advisory",
  settings: policySettings({}),
});

function partition(id: number, replicas: number[], isr = replicas, leader = isr[0] ?? -1): LivePartition {
  return { partition: id, leader, replicas, isr, offlineReplicas: [] };
}

type Configs = Record<string, [string, LiveConfigSource]>;
const configs = (entries: Configs) =>
  Object.fromEntries(Object.entries(entries).map(([key, [value, source]]) => [key, { value, source }]));

const SAFE_TOPIC_CONFIG: Configs = {
  "min.insync.replicas": ["2", "topic"],
  "unclean.leader.election.enable": ["false", "kafka-default"],
};

function topic(name: string, partitions: LivePartition[], entries: Configs = SAFE_TOPIC_CONFIG): LiveTopic {
  return { name, internal: name.startsWith("__"), partitions, configs: configs(entries) };
}

const SAFE_BROKER: Configs = {
  "default.replication.factor": ["3", "static-broker"],
  "min.insync.replicas": ["2", "static-broker"],
  "unclean.leader.election.enable": ["false", "kafka-default"],
  "auto.create.topics.enable": ["false", "static-broker"],
};

function brokers(entries: Configs = SAFE_BROKER, ids = [1, 2, 3]): LiveBroker[] {
  return ids.map((id) => ({ id, configs: configs(entries) }));
}

function cluster(topics: LiveTopic[], brokerList = brokers()): LiveCluster {
  return { clusterId: "test-cluster", brokers: brokerList, topics };
}

const RF3 = [partition(0, [1, 2, 3]), partition(1, [2, 3, 1])];

function findings(live: LiveCluster, lookup = mandatory) {
  return auditCluster(live, lookup).findings.map((finding) => [finding.ruleId, finding.message]);
}

describe("describeLiveTopic: live values in the rule core's terms", () => {
  const cases: {
    name: string;
    topic: LiveTopic;
    setting: "minInsyncReplicas" | "uncleanLeaderElection" | "replicationFactor";
    origin: RegExp;
  }[] = [
    {
      name: "a topic override is the topic's own value",
      topic: topic("t", RF3),
      setting: "minInsyncReplicas",
      origin: /^topic$/,
    },
    {
      name: "the cluster-wide dynamic default is named as such",
      topic: topic("t", RF3, { "min.insync.replicas": ["1", "cluster-default"] }),
      setting: "minInsyncReplicas",
      origin: /dynamic broker default/,
    },
    {
      name: "server.properties is named as such",
      topic: topic("t", RF3, { "unclean.leader.election.enable": ["true", "static-broker"] }),
      setting: "uncleanLeaderElection",
      origin: /server\.properties/,
    },
    {
      name: "Kafka's own default stays Kafka's built-in default",
      topic: topic("t", RF3, { "min.insync.replicas": ["1", "kafka-default"] }),
      setting: "minInsyncReplicas",
      origin: /^kafka-default$/,
    },
  ];
  it.each(cases)("$name", ({ topic: live, setting, origin }) => {
    const described = describeLiveTopic(live)[setting];
    expect(`${described.from ?? described.source}`).toMatch(origin);
  });

  it("takes the replica count of the weakest partition, not the nominal one", () => {
    const live = topic("t", [partition(0, [1, 2, 3]), partition(1, [1, 2]), partition(2, [1, 2, 3])]);
    const rf = describeLiveTopic(live).replicationFactor;
    expect(rf).toMatchObject({ ok: true, value: 2, key: "the replica count of partition 1" });
  });
});

describe("auditCluster", () => {
  const cases: { name: string; live: LiveCluster; expected: [string, RegExp][] }[] = [
    { name: "a safe cluster has no findings", live: cluster([topic("orders", RF3)]), expected: [] },
    {
      name: "RF 1 with min ISR 1 inherited from a dynamic default",
      live: cluster([
        topic("scratch", [partition(0, [2])], {
          "min.insync.replicas": ["1", "cluster-default"],
          "unclean.leader.election.enable": ["false", "kafka-default"],
        }),
      ]),
      expected: [
        ["kafka-topic-min-replication-factor", /^Topic "scratch": replication factor is 1, below the minimum of 3/],
        [
          "kafka-topic-min-insync-replicas",
          /min\.insync\.replicas is not set on the topic, so it inherits the default "1" of the cluster-wide dynamic broker default/,
        ],
        ["kafka-topic-replicas-above-min-insync", /replication factor 1 is not greater than min\.insync\.replicas 1/],
      ],
    },
    {
      name: "unclean election set on the topic",
      live: cluster([
        topic("payments", RF3, { ...SAFE_TOPIC_CONFIG, "unclean.leader.election.enable": ["true", "topic"] }),
      ]),
      expected: [
        ["kafka-topic-no-unclean-leader-election", /^Topic "payments": unclean\.leader\.election\.enable is "true"/],
      ],
    },
    {
      name: "a partition at the ISR floor and one below it",
      live: cluster([topic("orders", [partition(0, [1, 2, 3], [1, 2]), partition(1, [2, 3, 1], [1])])]),
      expected: [
        [
          "kafka-live-isr-at-min-insync",
          /partition 1 has fewer in-sync replicas than min\.insync\.replicas 2, so acks=all writes to it fail now.*brokers 2, 3 back/,
        ],
        [
          "kafka-live-isr-at-min-insync",
          /partition 0 has exactly min\.insync\.replicas 2 in-sync replicas.*broker 3 back/,
        ],
      ],
    },
    {
      name: "an offline partition, with the brokers holding it",
      live: cluster([topic("orders", [partition(0, [1, 2, 3]), partition(1, [2, 3, 1], [], -1)])]),
      expected: [["kafka-live-offline-partitions", /^Topic "orders": partition 1 has no leader.*brokers 1, 2, 3/]],
    },
    {
      name: "a stopped broker still counts as part of the cluster",
      live: cluster([topic("orders", [partition(0, [1, 2, 3], [1, 2])])], brokers(SAFE_BROKER, [1, 2])),
      expected: [["kafka-live-isr-at-min-insync", /partition 0 has exactly/]],
    },
    {
      name: "unsafe broker defaults are reported once for brokers configured alike",
      live: cluster(
        [topic("orders", RF3)],
        brokers({ ...SAFE_BROKER, "min.insync.replicas": ["1", "cluster-default"] }),
      ),
      expected: [
        ["kafka-broker-min-insync-replicas", /^Brokers 1, 2, 3: min\.insync\.replicas is "1", below the minimum of 2/],
      ],
    },
    {
      name: "Kafka's default auto-creation is reported as not set",
      live: cluster([], brokers({ ...SAFE_BROKER, "auto.create.topics.enable": ["true", "kafka-default"] })),
      expected: [
        [
          "kafka-broker-no-auto-create-topics",
          /auto\.create\.topics\.enable is not set, so the brokers use Kafka's built-in default "true"/,
        ],
      ],
    },
    {
      name: "a two-broker cluster fails the broker-count rules",
      live: cluster([topic("orders", [partition(0, [1, 2])])], brokers(SAFE_BROKER, [1, 2])),
      expected: [
        ["kafka-topic-min-replication-factor", /replication factor is 2/],
        ["kafka-topic-replicas-above-min-insync", /replication factor 2 is not greater than min\.insync\.replicas 2/],
        ["kafka-topic-min-insync-below-brokers", /equal to the 2 brokers of cluster test-cluster/],
        ["kafka-cluster-min-brokers", /^cluster test-cluster: it has 2 brokers/],
      ],
    },
  ];
  it.each(cases)("$name", ({ live, expected }) => {
    const found = findings(live);
    expect(found.map(([rule]) => rule)).toEqual(expected.map(([rule]) => rule));
    expected.forEach(([, message], index) => expect(found[index]?.[1]).toMatch(message));
  });

  it("honours exemptions, advisory levels and disabled rules from the settings", () => {
    const live = cluster([topic("scratch-1", [partition(0, [1])]), topic("orders", [partition(0, [1, 2])])]);
    const exempting = policySettings({ exemptions: [{ pattern: "scratch-.*", reason: "load tests" }] });
    const lookup: RuleSettingsLookup = (ruleId) => {
      if (ruleId === "kafka-topic-min-replication-factor") return { enforcement: "advisory", settings: exempting };
      if (ruleId === "kafka-topic-min-insync-replicas") return undefined;
      return mandatory(ruleId);
    };
    const report = auditCluster(live, lookup);
    const rf = report.findings.filter((finding) => finding.ruleId === "kafka-topic-min-replication-factor");
    expect(rf.map((finding) => [finding.subject, finding.enforcement])).toEqual([
      [{ kind: "topic", topic: "orders" }, "advisory"],
    ]);
    expect(report.exemptions).toEqual([
      { topic: "scratch-1", ruleId: "kafka-topic-min-replication-factor", reason: "load tests" },
    ]);
    expect(report.findings.some((finding) => finding.ruleId === "kafka-topic-min-insync-replicas")).toBe(false);
  });

  it("exits 1 only for mandatory findings", () => {
    const unsafe = cluster([topic("t", [partition(0, [1])])]);
    expect(auditExitCode(auditCluster(unsafe, mandatory))).toBe(1);
    expect(auditExitCode(auditCluster(unsafe, advisory))).toBe(0);
    expect(auditExitCode(auditCluster(cluster([topic("t", RF3)]), mandatory))).toBe(0);
  });
});

describe("liveBrokerDeclarations", () => {
  it("groups brokers by their values and keeps differing ones apart", () => {
    const list = [
      ...brokers(SAFE_BROKER, [1, 3]),
      { id: 2, configs: configs({ ...SAFE_BROKER, "min.insync.replicas": ["1", "broker"] }) },
    ];
    expect(liveBrokerDeclarations(list).map((declaration) => declaration.subject)).toEqual([
      "Brokers 1, 3",
      "Broker 2",
    ]);
  });
});
