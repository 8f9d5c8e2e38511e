import { describe, expect, it } from "vitest";
import { type LiveConfigSource, type LiveTopic, compareWithStack, declaredTopics } from "../../core";

const URN = "urn:pulumi:dev::app::kafka:index/topic:Topic::orders";

function exported(inputs: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    version: 3,
    deployment: {
      resources: [
        { urn: "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev", type: "pulumi:pulumi:Stack" },
        { urn: URN, type: "kafka:index/topic:Topic", inputs, ...extra },
      ],
    },
  };
}

function live(configs: Record<string, [string, LiveConfigSource]>, replicas = [[1, 2, 3]]): LiveTopic {
  return {
    name: "orders",
    internal: false,
    partitions: replicas.map((set, partition) => ({
      partition,
      leader: set[0] ?? -1,
      replicas: set,
      isr: set,
      offlineReplicas: [],
    })),
    configs: Object.fromEntries(Object.entries(configs).map(([key, [value, source]]) => [key, { value, source }])),
  };
}

const DECLARED = {
  name: "orders",
  partitions: 1,
  replicationFactor: 3,
  config: { "min.insync.replicas": "2", "retention.ms": "604800000" },
};
const SAME: Record<string, [string, LiveConfigSource]> = {
  "min.insync.replicas": ["2", "topic"],
  "retention.ms": ["604800000", "topic"],
  "unclean.leader.election.enable": ["false", "kafka-default"],
};

describe("declaredTopics", () => {
  it("reads the Kafka topics of a stack export, leaving secrets out", () => {
    const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "x" };
    expect(declaredTopics(exported({ ...DECLARED, config: { ...DECLARED.config, "x.secret": secret } }))).toEqual([
      { urn: URN, ...DECLARED },
    ]);
  });

  it("refuses something else in one line", () => {
    expect(() => declaredTopics({ resources: [] })).toThrow("not the output of `pulumi stack export`");
  });
});

describe("compareWithStack", () => {
  const cases: { name: string; topic: LiveTopic | undefined; expected: string[] }[] = [
    { name: "no drift", topic: live({ ...SAME, "min.insync.replicas": [" 2", "topic"] }), expected: [] },
    {
      name: "a missing topic",
      topic: undefined,
      expected: ['Topic "orders": declared by the stack but missing on the cluster.'],
    },
    {
      name: "a value altered live",
      topic: live({ ...SAME, "min.insync.replicas": ["1", "topic"] }),
      expected: ['Topic "orders": the stack declares min.insync.replicas="2", but it is set live to "1".'],
    },
    {
      name: "an override deleted live",
      topic: live({ ...SAME, "min.insync.replicas": ["1", "kafka-default"] }),
      expected: [
        'Topic "orders": the stack declares min.insync.replicas="2", but it is not set on the topic live, so it is "1".',
      ],
    },
    {
      name: "a durability key set live but not declared",
      topic: live({ ...SAME, "unclean.leader.election.enable": ["true", "topic"] }),
      expected: [
        'Topic "orders": unclean.leader.election.enable="true" is set on the topic live but not declared by the stack, so the next deployment\'s preview judges a value the topic does not have; declare it in the stack.',
      ],
    },
    {
      name: "partitions and replicas changed",
      topic: live(SAME, [
        [1, 2, 3],
        [1, 2],
      ]),
      expected: [
        'Topic "orders": the stack declares 1 partitions, the cluster has 2.',
        'Topic "orders": the stack declares replication factor 3, the cluster has 2 to 3 (partitions differ).',
      ],
    },
  ];
  it.each(cases)("$name", ({ topic, expected }) => {
    const declared = declaredTopics(exported(DECLARED));
    expect(compareWithStack(declared, topic === undefined ? [] : [topic]).map((finding) => finding.message)).toEqual(
      expected,
    );
  });
});
