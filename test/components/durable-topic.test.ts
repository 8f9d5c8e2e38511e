import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { type RegisteredResource, recordRegistrations, settled, valueOf } from "./pulumi-mocks";

let registered: RegisteredResource[];
let components: typeof import("../../components");

beforeAll(async () => {
  registered = recordRegistrations();
  components = await import("../../components");
});

function topicInputs(name: string) {
  const found = registered.find((r) => r.type === "kafka:index/topic:Topic" && r.name === name);
  if (found === undefined) throw new Error(`no kafka.Topic "${name}" was registered`);
  return found.inputs;
}

describe("DurableTopic", () => {
  it("registers a kafka.Topic with RF 3, min ISR 2 and unclean election off, written explicitly", async () => {
    const topic = new components.DurableTopic("orders");
    await settled();
    expect(topicInputs("orders")).toEqual({
      name: "orders",
      partitions: 3,
      replicationFactor: 3,
      config: { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" },
    });
    expect(registered.find((r) => r.name === "orders" && r.type === "kafkaguard:index:DurableTopic")).toBeDefined();
    expect(await valueOf(topic.topicName)).toBe("orders");
    expect(await valueOf(topic.brokerFailuresWithoutDataLoss)).toBe(1);
    expect(await valueOf(topic.brokerFailuresWhileWritable)).toBe(1);
    expect((topic.topic as unknown as { __protect: boolean }).__protect).toBe(true);
  });

  it("passes extra config through and respects stricter choices", async () => {
    const topic = new components.DurableTopic("payments", {
      topicName: "payments.v1",
      partitions: 12,
      replicationFactor: 5,
      minInsyncReplicas: 3,
      config: { "retention.ms": "86400000", "cleanup.policy": "compact" },
      deletionGuard: "none",
    });
    await settled();
    expect(topicInputs("payments")).toEqual({
      name: "payments.v1",
      partitions: 12,
      replicationFactor: 5,
      config: {
        "retention.ms": "86400000",
        "cleanup.policy": "compact",
        "min.insync.replicas": "3",
        "unclean.leader.election.enable": "false",
      },
    });
    expect(await valueOf(topic.minInsyncReplicas)).toBe(3);
    expect(await valueOf(topic.brokerFailuresWithoutDataLoss)).toBe(2);
    expect(await valueOf(topic.brokerFailuresWhileWritable)).toBe(2);
    expect((topic.topic as unknown as { __protect?: boolean }).__protect).toBeFalsy();
  });

  it("hands out durable client settings derived from the topic", () => {
    const topic = new components.DurableTopic("audit");
    expect(topic.producerProperties).toEqual({
      acks: "all",
      "enable.idempotence": "true",
      retries: "2147483647",
      "max.in.flight.requests.per.connection": "5",
      "delivery.timeout.ms": "120000",
    });
    expect(topic.consumerProperties("auditor")).toEqual({
      "group.id": "auditor",
      "enable.auto.commit": "false",
      "auto.offset.reset": "earliest",
    });
    expect(topic.confluentKafkaJsSettings("auditor")).toEqual({
      producer: { kafkaJS: { idempotent: true, acks: -1, maxInFlightRequests: 5, retry: { retries: 2147483647 } } },
      consumer: { kafkaJS: { groupId: "auditor", fromBeginning: true, autoCommit: false } },
    });
    expect(topic.kafkaJsSettings("auditor")).toMatchObject({
      producer: { idempotent: true },
      send: { acks: -1 },
      subscribe: { topics: ["audit"], fromBeginning: true },
      run: { autoCommit: false },
    });
  });

  it.each<[string, object, RegExp]>([
    [
      "RF below 3",
      { replicationFactor: 2 },
      /replicationFactor is 2, below the minimum of 3.*\[kafka-topic-min-replication-factor\]/,
    ],
    ["min ISR 1", { minInsyncReplicas: 1 }, /min.insync.replicas is "1", below the minimum of 2/],
    ["min ISR equal to RF", { minInsyncReplicas: 3 }, /not greater than min.insync.replicas 3/],
    [
      "min ISR in config equal to RF",
      { config: { "min.insync.replicas": "3" } },
      /not greater than min.insync.replicas 3/,
    ],
    [
      "min ISR given twice",
      { minInsyncReplicas: 2, config: { "min.insync.replicas": "2" } },
      /set min.insync.replicas once/,
    ],
    [
      "unclean election on",
      { config: { "unclean.leader.election.enable": "TRUE" } },
      /unclean.leader.election.enable is "TRUE"/,
    ],
    ["malformed config value", { config: { "min.insync.replicas": "two" } }, /min.insync.replicas "two" is malformed/],
    [
      "look-alike key",
      { config: { "Min.Insync.Replicas": "3" } },
      /keys Kafka would not recognise: "Min.Insync.Replicas"/,
    ],
    ["fractional partitions", { partitions: 1.5 }, /partitions must be a whole number of at least 1, got 1.5/],
    ["zero partitions", { partitions: 0 }, /partitions must be a whole number/],
    ["string RF", { replicationFactor: "3" }, /replicationFactor must be a whole number/],
    ["illegal topic name", { topicName: "orders/v1" }, /may only contain/],
    ["too long topic name", { topicName: "x".repeat(250) }, /at most 249/],
    ["weak thresholds", { thresholds: { minInsyncReplicas: 1 } }, /thresholds: minInsyncReplicas must be at least 2/],
    ["unknown deletion guard", { deletionGuard: "maybe" }, /deletionGuard must be one of protect, retain, none/],
  ])("refuses %s before registering anything", async (_label, args, message) => {
    await settled();
    const before = registered.length;
    expect(() => new components.DurableTopic("unsafe", args as never)).toThrow(components.DurableTopicArgsError);
    expect(() => new components.DurableTopic("unsafe", args as never)).toThrow(message);
    await settled();
    expect(registered.length).toBe(before);
  });

  it("refuses topic names that collide on '.' versus '_'", () => {
    new components.DurableTopic("clicks-dot", { topicName: "clicks.raw" });
    expect(() => new components.DurableTopic("clicks-underscore", { topicName: "clicks_raw" })).toThrow(
      /collides with "clicks.raw"/,
    );
  });
});

describe("DurableTopic in real stacks", () => {
  it("allows one topic name on two clusters (providers), not twice on one", async () => {
    const { Provider } = await import("@pulumi/kafka");
    const primary = new Provider("primary", { bootstrapServers: ["primary:9092"] });
    const replica = new Provider("replica", { bootstrapServers: ["replica:9092"] });
    new components.DurableTopic("ledger-primary", { topicName: "ledger" }, { provider: primary });
    new components.DurableTopic("ledger-replica", { topicName: "ledger" }, { provider: replica });
    expect(() => new components.DurableTopic("ledger-again", { topicName: "ledger" }, { provider: primary })).toThrow(
      /topic "ledger" is declared twice/,
    );
    // A provider inherited from a parent names the same cluster.
    const parent = new components.DurableTopic("audit", {}, { providers: [replica] });
    expect(() => new components.DurableTopic("ledger-child", { topicName: "ledger" }, { parent })).toThrow(
      /declared twice/,
    );
    await settled();
    expect(
      registered.filter((r) => r.type === "kafka:index/topic:Topic" && r.inputs["name"] === "ledger"),
    ).toHaveLength(2);
  });

  it("takes Outputs for the name, the partitions and config that does not decide durability", async () => {
    const topic = new components.DurableTopic("events", {
      topicName: pulumi.output("events.v2"),
      partitions: Promise.resolve(12),
      config: { "retention.ms": pulumi.output("86400000"), "cleanup.policy": "delete" },
    });
    await settled();
    expect(topicInputs("events")).toEqual({
      name: "events.v2",
      partitions: 12,
      replicationFactor: 3,
      config: {
        "retention.ms": "86400000",
        "cleanup.policy": "delete",
        "min.insync.replicas": "2",
        "unclean.leader.election.enable": "false",
      },
    });
    expect(await valueOf(topic.topicName)).toBe("events.v2");
    expect(await valueOf(topic.partitions)).toBe(12);
  });

  it("refuses an Output for a config key that decides durability, before registering anything", async () => {
    await settled();
    const before = registered.length;
    for (const key of ["min.insync.replicas", "unclean.leader.election.enable", "Min.Insync.Replicas"]) {
      expect(() => new components.DurableTopic("late", { config: { [key]: pulumi.output("2") } })).toThrow(
        `config[${JSON.stringify(key)}] decides durability, so it must be a plain value`,
      );
    }
    await settled();
    expect(registered.length).toBe(before);
  });

  it("takes its defaults from the thresholds", async () => {
    new components.DurableTopic("strict", { thresholds: { minInsyncReplicas: 3 } });
    await settled();
    expect(topicInputs("strict")).toMatchObject({
      replicationFactor: 4,
      config: { "min.insync.replicas": "3" },
    });
    expect(components.DEFAULT_REPLICATION_FACTOR).toBe(3);
    expect(components.DEFAULT_MIN_INSYNC_REPLICAS).toBe(2);
  });
});

describe("deletionGuardOptions", () => {
  it.each<[import("../../components").DeletionGuard, object]>([
    ["protect", { protect: true }],
    ["retain", { retainOnDelete: true }],
    ["none", {}],
  ])("%s", async (guard, expected) => {
    const { deletionGuardOptions } = await import("../../components/durable-topic-plan");
    expect(deletionGuardOptions(guard)).toEqual(expected);
  });
});
