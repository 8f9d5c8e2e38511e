import { describe, expect, it } from "vitest";
import { connectTopicsPolicy } from "../../policy-pack/policies/connect-topics-policy";
import { durableProducerPolicy, idempotentProducerPolicy } from "../../policy-pack/policies/producer-policies";
import { type ResourceUnderTest, UNKNOWN_OBJECT, runPolicy } from "./run-policy";

function strimzi(kind: string, spec: Record<string, unknown>, version = "v1beta2"): ResourceUnderTest {
  return {
    type: `kubernetes:kafka.strimzi.io/${version}:${kind}`,
    name: `kafka/${kind.toLowerCase()}`,
    props: {
      apiVersion: `kafka.strimzi.io/${version}`,
      kind,
      metadata: { name: kind.toLowerCase(), namespace: "kafka", labels: { "strimzi.io/cluster": "main" } },
      spec,
    },
  };
}

// Strimzi KafkaConnect: spec.config is the worker config.
const connect = (config: Record<string, unknown>) =>
  strimzi("KafkaConnect", {
    replicas: 3,
    bootstrapServers: "main-kafka-bootstrap:9093",
    config: { "group.id": "connect", "offset.storage.topic": "connect-offsets", ...config },
  });

// Strimzi KafkaConnector: spec.config is the connector config.
const connector = (config: Record<string, unknown>) =>
  strimzi("KafkaConnector", {
    class: "org.apache.kafka.connect.file.FileStreamSourceConnector",
    tasksMax: 1,
    config: { file: "/opt/kafka/LICENSE", topic: "license", ...config },
  });

// Strimzi KafkaMirrorMaker2, v1beta2 layout: spec.connectCluster names the Connect cluster among spec.clusters.
const mirrorMaker = (targetConfig: Record<string, unknown>, sourceConnectorConfig: Record<string, unknown>) =>
  strimzi("KafkaMirrorMaker2", {
    version: "3.9.0",
    replicas: 1,
    connectCluster: "target",
    clusters: [
      { alias: "source", bootstrapServers: "source-kafka-bootstrap:9092", config: { "producer.acks": "0" } },
      { alias: "target", bootstrapServers: "target-kafka-bootstrap:9092", config: targetConfig },
    ],
    mirrors: [
      {
        sourceCluster: "source",
        targetCluster: "target",
        sourceConnector: { tasksMax: 1, config: { "replication.factor": -1, ...sourceConnectorConfig } },
        checkpointConnector: { config: { "checkpoints.topic.replication.factor": -1 } },
        topicsPattern: ".*",
      },
    ],
  });

// Strimzi KafkaMirrorMaker2, v1 layout: spec.targetCluster is the Connect cluster.
const mirrorMakerV1 = (targetConfig: Record<string, unknown>) =>
  strimzi(
    "KafkaMirrorMaker2",
    {
      version: "4.0.0",
      replicas: 1,
      targetCluster: { alias: "target", bootstrapServers: "target-kafka-bootstrap:9092", config: targetConfig },
      sourceClusters: [{ alias: "source", bootstrapServers: "source-kafka-bootstrap:9092" }],
      mirrors: [{ sourceCluster: "source", sourceConnector: { config: { "replication.factor": -1 } } }],
    },
    "v1",
  );

// @pulumi/confluentcloud ConnectorArgs: configNonsensitive and configSensitive string maps.
const confluentConnector = (nonsensitive: Record<string, string>, sensitive?: Record<string, string>) => ({
  type: "confluentcloud:index/connector:Connector",
  name: "pg-source",
  props: {
    environment: { id: "env-abc123" },
    kafkaCluster: { id: "lkc-abc123" },
    configNonsensitive: {
      "connector.class": "PostgresSource",
      name: "pg-source",
      "kafka.auth.mode": "KAFKA_API_KEY",
      ...nonsensitive,
    },
    ...(sensitive ? { configSensitive: sensitive } : {}),
  },
});

describe("kafka-connect-durable-producer", () => {
  it.each<[string, ResourceUnderTest, string[]]>([
    ["Connect worker: durable", connect({ "producer.acks": "all", "producer.enable.idempotence": "true" }), []],
    ["Connect worker: nothing overridden", connect({}), []],
    [
      "Connect worker: acks 1",
      connect({ "producer.acks": "1" }),
      ['Kafka Connect "kafkaconnect": spec.config["producer.acks"] is "1", so a send counts as done'],
    ],
    [
      "Connect worker: a connector-style override is not a worker setting",
      connect({ "producer.override.acks": "1" }),
      [],
    ],
    [
      "connector: idempotence off (a duplicate risk, the other policy's) and no retries",
      connector({ "producer.override.enable.idempotence": false, "producer.override.retries": 0 }),
      ['Kafka connector "kafkaconnector": spec.config["producer.override.retries"] is 0'],
    ],
    ["connector: worker-style keys are not connector overrides", connector({ "producer.acks": "0" }), []],
    [
      "MirrorMaker 2: the Connect cluster's worker config and the source connector",
      mirrorMaker({ "producer.retries": "0" }, { "producer.override.acks": "1" }),
      [
        'MirrorMaker 2 "kafkamirrormaker2": spec.clusters[1].config["producer.retries"] is "0"',
        'MirrorMaker 2 "kafkamirrormaker2": spec.mirrors[0].sourceConnector.config["producer.override.acks"] is "1"',
      ],
    ],
    ["MirrorMaker 2: durable", mirrorMaker({}, {}), []],
    [
      "MirrorMaker 2 v1: the target cluster's worker config",
      mirrorMakerV1({ "producer.acks": 1 }),
      ['MirrorMaker 2 "kafkamirrormaker2": spec.targetCluster.config["producer.acks"] is 1'],
    ],
    [
      "Confluent connector: both config maps",
      confluentConnector({ "producer.override.acks": "1" }, { "producer.override.enable.idempotence": "false" }),
      ['Confluent connector "pg-source": configNonsensitive["producer.override.acks"] is "1"'],
    ],
    ["Confluent connector: durable", confluentConnector({}, {}), []],
  ])("%s", async (_label, resource, expected) => {
    const outcome = await runPolicy(durableProducerPolicy, resource);
    expect(outcome.kind).toBe("violations");
    const messages = outcome.kind === "violations" ? outcome.messages : [];
    expect(messages).toHaveLength(expected.length);
    messages.forEach((message, index) => {
      expect(message.startsWith(expected[index] ?? "")).toBe(true);
      expect(message).toMatch(/; set .* or remove it \(the default is durable\)\.$/);
    });
  });

  it("leaves idempotence to kafka-connect-idempotent-producer, which reports it as a duplicate risk, advisory", async () => {
    const resource = confluentConnector(
      { "producer.override.acks": "all" },
      { "producer.override.enable.idempotence": "false" },
    );
    expect(await runPolicy(durableProducerPolicy, resource)).toEqual({ kind: "violations", messages: [] });
    expect(idempotentProducerPolicy.enforcementLevel).toBe("advisory");
    expect(await runPolicy(idempotentProducerPolicy, resource)).toEqual({
      kind: "violations",
      messages: [
        'Confluent connector "pg-source": configSensitive["producer.override.enable.idempotence"] is "false", so a retried send can be written twice or out of order (a duplicate, not a loss); set configSensitive["producer.override.enable.idempotence"] to "true" (Kafka Connect\'s own default is false).',
      ],
    });
    expect(await runPolicy(idempotentProducerPolicy, connect({ "producer.acks": "1" }))).toEqual({
      kind: "violations",
      messages: [],
    });
  });

  it("is not applicable to other resources", async () => {
    expect(await runPolicy(durableProducerPolicy, { type: "kafka:index/topic:Topic", props: {} })).toMatchObject({
      kind: "not-applicable",
    });
  });

  it("reports an unknown config as unknown, never as durable", async () => {
    const resource = connector({});
    const props = { ...resource.props, spec: { class: "x", config: UNKNOWN_OBJECT } };
    expect(await runPolicy(durableProducerPolicy, { ...resource, props })).toMatchObject({
      kind: "unknown-during-preview",
    });
  });
});

describe("kafka-connect-internal-topics", () => {
  const messagesOf = async (resource: ResourceUnderTest, config?: object) => {
    const outcome = await runPolicy(connectTopicsPolicy, { ...resource, ...(config ? { config } : {}) });
    if (outcome.kind !== "violations") throw new Error(JSON.stringify(outcome));
    return outcome.messages;
  };

  it.each<[string, ResourceUnderTest, string[]]>([
    ["Connect worker: Kafka Connect's defaults (3)", connect({}), []],
    [
      "Connect worker: the offsets topic on 1 replica",
      connect({ "offset.storage.replication.factor": 1, "status.storage.replication.factor": "-1" }),
      [
        'Kafka Connect "kafkaconnect": spec.config["offset.storage.replication.factor"] is 1, below the minimum of 3, so the topic of source connectors\' offsets keeps fewer than 3 copies; set spec.config["offset.storage.replication.factor"] to 3.',
      ],
    ],
    ["MirrorMaker 2: -1 hands the choice to the brokers' default", mirrorMaker({}, {}), []],
    [
      "MirrorMaker 2 v1: mirrored topics get replication factor 2 unless it is set",
      strimzi(
        "KafkaMirrorMaker2",
        {
          targetCluster: { alias: "target", bootstrapServers: "target:9092", config: {} },
          mirrors: [{ sourceCluster: "source", sourceConnector: { tasksMax: 1 } }],
        },
        "v1",
      ),
      [
        'MirrorMaker 2 "kafkamirrormaker2": spec.mirrors[0].sourceConnector.config["replication.factor"] is not set, so MirrorMaker 2\'s default 2 applies, below the minimum of 3, so the topic of the mirrored topics\' messages keeps fewer than 3 copies; set spec.mirrors[0].sourceConnector.config["replication.factor"] to 3.',
      ],
    ],
    ["a connector config has no storage topics", connector({ "offset.storage.replication.factor": 1 }), []],
    ["Confluent Cloud connector", confluentConnector({}, {}), []],
  ])("%s", async (_label, resource, expected) => {
    expect(await messagesOf(resource)).toEqual(expected);
  });

  it("reads the replication-factor threshold of the settings block", async () => {
    expect(await messagesOf(connect({}), { minReplicationFactor: 4 })).toHaveLength(3);
  });

  it("calls a malformed value malformed", async () => {
    expect(await messagesOf(connect({ "config.storage.replication.factor": "three" }))).toEqual([
      expect.stringContaining('spec.config["config.storage.replication.factor"] is "three", which is malformed'),
    ]);
  });
});
