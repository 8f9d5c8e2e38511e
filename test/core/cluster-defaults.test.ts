import { describe, expect, it } from "vitest";
import {
  type LiveBroker,
  type LiveConfigSource,
  checkClusterDefaults,
  clusterDefaultsBlock,
  liveClusterDefaults,
} from "../../core";

function broker(id: number, entries: Record<string, [string, LiveConfigSource]>): LiveBroker {
  return {
    id,
    configs: Object.fromEntries(Object.entries(entries).map(([key, [value, source]]) => [key, { value, source }])),
  };
}

const KAFKA_DEFAULTS: Record<string, [string, LiveConfigSource]> = {
  "default.replication.factor": ["1", "kafka-default"],
  "min.insync.replicas": ["1", "kafka-default"],
  "unclean.leader.election.enable": ["false", "kafka-default"],
};
const HARDENED: Record<string, [string, LiveConfigSource]> = {
  "default.replication.factor": ["3", "static-broker"],
  "min.insync.replicas": ["2", "cluster-default"],
  "unclean.leader.election.enable": ["false", "kafka-default"],
};

describe("clusterDefaultsBlock", () => {
  it("prints what the brokers agree on", () => {
    const live = liveClusterDefaults([1, 2, 3].map((id) => broker(id, HARDENED)));
    expect(clusterDefaultsBlock(live)).toEqual({
      clusterDefaults: {
        "default.replication.factor": "3",
        "min.insync.replicas": "2",
        "unclean.leader.election.enable": "false",
      },
      disagreements: [],
    });
  });

  it("leaves out and reports a key the brokers disagree on", () => {
    const live = liveClusterDefaults([
      broker(1, HARDENED),
      broker(2, { ...HARDENED, "min.insync.replicas": ["1", "broker"] }),
    ]);
    const block = clusterDefaultsBlock(live);
    expect(block.clusterDefaults).not.toHaveProperty("min.insync.replicas");
    expect(block.disagreements).toEqual([
      'the brokers disagree on min.insync.replicas: broker 1 uses "2" (the cluster-wide dynamic default), broker 2 uses "1" (a per-broker dynamic config)',
    ]);
  });
});

const ALL_KEYS = ["default.replication.factor", "min.insync.replicas", "unclean.leader.election.enable"] as const;

describe("checkClusterDefaults", () => {
  it("only checks the keys the policies read", () => {
    const live = liveClusterDefaults([broker(1, HARDENED)]);
    const assumption = { policy: "p", clusterDefaults: {}, keys: ["unclean.leader.election.enable"] as const };
    expect(checkClusterDefaults([assumption], live)).toEqual([]);
    expect(checkClusterDefaults([{ ...assumption, keys: ALL_KEYS }], live)).toHaveLength(2);
  });

  const cases: { name: string; assumed: Record<string, string>; brokers: LiveBroker[]; expected: RegExp[] }[] = [
    {
      name: "a matching file",
      assumed: { "min.insync.replicas": " 2", "default.replication.factor": "3" },
      brokers: [broker(1, HARDENED)],
      expected: [],
    },
    {
      name: "a file that claims min ISR 2 on a cluster at Kafka's default",
      assumed: { "min.insync.replicas": "2" },
      brokers: [broker(1, KAFKA_DEFAULTS), broker(2, KAFKA_DEFAULTS)],
      expected: [
        /^p assumes min\.insync\.replicas "2" \(clusterDefaults\), but brokers 1, 2 use "1" \(Kafka's built-in default\)/,
      ],
    },
    {
      name: "a key the file leaves out is assumed to be Kafka's default",
      assumed: {},
      brokers: [broker(1, { ...KAFKA_DEFAULTS, "unclean.leader.election.enable": ["true", "cluster-default"] })],
      expected: [
        /^p assumes unclean\.leader\.election\.enable "false" \(Kafka's built-in default, as clusterDefaults does not set it\), but broker 1 uses "true"/,
      ],
    },
    {
      name: "booleans compare as Kafka reads them",
      assumed: { "unclean.leader.election.enable": "FALSE" },
      brokers: [broker(1, KAFKA_DEFAULTS)],
      expected: [],
    },
  ];
  it.each(cases)("$name", ({ assumed, brokers, expected }) => {
    const messages = checkClusterDefaults(
      [{ policy: "p", clusterDefaults: assumed, keys: ALL_KEYS }],
      liveClusterDefaults(brokers),
    );
    expect(messages).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(messages[index]).toMatch(pattern));
  });

  it("reports policies that assume the same once, per key", () => {
    const live = liveClusterDefaults([broker(1, KAFKA_DEFAULTS)]);
    const messages = checkClusterDefaults(
      [
        { policy: "a", clusterDefaults: { "min.insync.replicas": "2" }, keys: ["min.insync.replicas"] },
        { policy: "b", clusterDefaults: { "min.insync.replicas": "2" }, keys: ALL_KEYS },
        { policy: "c", clusterDefaults: {}, keys: ALL_KEYS },
      ],
      live,
    );
    expect(messages.map((message) => message.split(" (")[0])).toEqual(['a, b assume min.insync.replicas "2"']);
  });
});
