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

// Amazon MSK Connect (aws/mskconnect/*.d.ts, aws-native/kafkaconnect/*.d.ts): connectorConfiguration is a string map;
// a worker configuration's propertiesFileContent is connect-distributed.properties text (base64 in aws-native).
const mskConnector = (type: "aws" | "aws-native", configuration: Record<string, string>): ResourceUnderTest => ({
  type: type === "aws" ? "aws:mskconnect/connector:Connector" : "aws-native:kafkaconnect:Connector",
  name: "s3-sink",
  props: {
    [type === "aws" ? "name" : "connectorName"]: "s3-sink",
    kafkaconnectVersion: "2.7.1",
    connectorConfiguration: { "connector.class": "io.confluent.connect.s3.S3SinkConnector", ...configuration },
  },
});
const mskWorkerConfiguration = (type: "aws" | "aws-native", propertiesFileContent: string): ResourceUnderTest => ({
  type:
    type === "aws"
      ? "aws:mskconnect/workerConfiguration:WorkerConfiguration"
      : "aws-native:kafkaconnect:WorkerConfiguration",
  name: "workers",
  props: { name: "workers", propertiesFileContent },
});
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

// @pulumi/aiven KafkaConnectorArgs: config is the connector config; MirrorMakerReplicationFlowArgs: replicationFactor.
const aivenConnector = (config: Record<string, string>): ResourceUnderTest => ({
  type: "aiven:index/kafkaConnector:KafkaConnector",
  name: "os-sink",
  props: { project: "acme", serviceName: "kafka", connectorName: "os-sink", config: { name: "os-sink", ...config } },
});
const aivenFlow = (extra: Record<string, unknown>): ResourceUnderTest => ({
  type: "aiven:index/mirrorMakerReplicationFlow:MirrorMakerReplicationFlow",
  name: "flow",
  props: {
    project: "acme",
    serviceName: "mm",
    sourceCluster: "kafka-a",
    targetCluster: "kafka-b",
    enable: true,
    ...extra,
  },
});

// Confluent for Kubernetes: a Connect's worker config is spec.configOverrides.server lines; a Connector's is spec.configs.
const cfk = (kind: string, spec: Record<string, unknown>): ResourceUnderTest => ({
  type: `kubernetes:platform.confluent.io/v1beta1:${kind}`,
  name: `confluent/${kind.toLowerCase()}`,
  props: {
    apiVersion: "platform.confluent.io/v1beta1",
    kind,
    metadata: { name: kind.toLowerCase(), namespace: "confluent" },
    spec,
  },
});

// Strimzi KafkaBridge and KafkaMirrorMaker (046-Crd-kafkabridge.yaml, MirrorMaker 1's CRD of Strimzi 0.45):
// spec.producer.config is a plain producer config.
const bridge = (config: Record<string, unknown>, version = "v1") =>
  strimzi("KafkaBridge", { replicas: 1, bootstrapServers: "main-kafka-bootstrap:9092", producer: { config } }, version);
const mirrorMaker1 = (config: Record<string, unknown>) =>
  strimzi("KafkaMirrorMaker", {
    replicas: 1,
    consumer: { bootstrapServers: "source:9092", groupId: "mm", config: { "enable.auto.commit": true } },
    producer: { bootstrapServers: "target:9092", config },
    include: ".*",
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
    [
      "MSK Connect connector (@pulumi/aws)",
      mskConnector("aws", { "producer.override.acks": "1" }),
      ['MSK Connect connector "s3-sink": connectorConfiguration["producer.override.acks"] is "1"'],
    ],
    [
      "MSK Connect connector (@pulumi/aws-native)",
      mskConnector("aws-native", { "producer.override.retries": "0" }),
      ['MSK Connect connector "s3-sink": connectorConfiguration["producer.override.retries"] is "0"'],
    ],
    ["MSK Connect connector: durable", mskConnector("aws", {}), []],
    [
      "MSK Connect worker configuration, raw properties (@pulumi/aws)",
      mskWorkerConfiguration(
        "aws",
        "key.converter=org.apache.kafka.connect.storage.StringConverter\nproducer.acks=1\n",
      ),
      ['MSK Connect worker configuration "workers": propertiesFileContent["producer.acks"] is "1"'],
    ],
    [
      "MSK Connect worker configuration, base64 (@pulumi/aws-native)",
      mskWorkerConfiguration("aws-native", base64("producer.acks = 0\n")),
      ['MSK Connect worker configuration "workers": propertiesFileContent["producer.acks"] is "0"'],
    ],
    [
      "MSK Connect worker configuration, base64 and durable",
      mskWorkerConfiguration("aws", base64("producer.acks=all\n")),
      [],
    ],
    [
      "Aiven connector",
      aivenConnector({ "producer.override.acks": "0" }),
      ['Aiven connector "os-sink": config["producer.override.acks"] is "0"'],
    ],
    ["Aiven connector: durable", aivenConnector({}), []],
    [
      "Confluent for Kubernetes Connect: worker lines",
      cfk("Connect", { replicas: 2, configOverrides: { server: ["producer.acks=1", "producer.linger.ms=5"] } }),
      ['Kafka Connect "connect": the "producer.acks" line of spec.configOverrides.server is "1"'],
    ],
    ["Confluent for Kubernetes Connect: nothing overridden", cfk("Connect", { replicas: 2 }), []],
    [
      "Confluent for Kubernetes Connector",
      cfk("Connector", { class: "FileStreamSource", taskMax: 1, configs: { "producer.override.retries": "0" } }),
      ['Kafka connector "connector": spec.configs["producer.override.retries"] is "0"'],
    ],
    [
      "Strimzi KafkaBridge: its producers' acks",
      bridge({ acks: "1", "linger.ms": 5 }),
      ['Kafka Bridge "kafkabridge": spec.producer.config["acks"] is "1"'],
    ],
    ["Strimzi KafkaBridge: durable", bridge({ acks: "all", "delivery.timeout.ms": 120000 }, "v1beta2"), []],
    ["Strimzi KafkaBridge: no producer section", strimzi("KafkaBridge", { replicas: 1 }), []],
    ["Strimzi KafkaBridge: a Connect-style key is not a producer setting", bridge({ "producer.acks": "0" }), []],
    [
      "Strimzi KafkaMirrorMaker: no retries",
      mirrorMaker1({ retries: 0 }),
      ['MirrorMaker "kafkamirrormaker": spec.producer.config["retries"] is 0'],
    ],
    [
      "Confluent for Kubernetes KsqlDB: its Kafka Streams producers",
      cfk("KsqlDB", { replicas: 2, configOverrides: { server: ["ksql.streams.producer.acks=1"] } }),
      ['ksqlDB "ksqldb": the "ksql.streams.producer.acks" line of spec.configOverrides.server is "1"'],
    ],
    [
      "Confluent for Kubernetes KafkaRestProxy: its producers",
      cfk("KafkaRestProxy", { replicas: 1, configOverrides: { server: ["producer.retries=0"] } }),
      ['REST Proxy "kafkarestproxy": the "producer.retries" line of spec.configOverrides.server is "0"'],
    ],
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

  it("is not applicable to a Confluent for Kubernetes SchemaRegistry, which holds no producer settings", async () => {
    const schemaRegistry = cfk("SchemaRegistry", { configOverrides: { server: ["producer.acks=0"] } });
    expect((await runPolicy(durableProducerPolicy, schemaRegistry)).kind).toBe("not-applicable");
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

  it.each<[string, ResourceUnderTest, string[]]>([
    [
      "Strimzi KafkaBridge: Kafka's producer defaults to idempotence",
      bridge({ "enable.idempotence": "false" }),
      [
        'Kafka Bridge "kafkabridge": spec.producer.config["enable.idempotence"] is "false", so a retried send can be written twice or out of order (a duplicate, not a loss); set spec.producer.config["enable.idempotence"] to "true" (the Kafka producer\'s own default is true).',
      ],
    ],
    [
      "Confluent for Kubernetes KafkaRestProxy: REST Proxy turns idempotence off whatever a line says",
      cfk("KafkaRestProxy", { configOverrides: { server: ["producer.enable.idempotence=false"] } }),
      [],
    ],
  ])("reports idempotence off in the terms of who runs the producer: %s", async (_label, resource, expected) => {
    expect(await runPolicy(idempotentProducerPolicy, resource)).toEqual({ kind: "violations", messages: expected });
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
    [
      "MSK Connect worker configuration: the status topic on 2 replicas",
      mskWorkerConfiguration("aws", "status.storage.replication.factor=2\n"),
      [
        'MSK Connect worker configuration "workers": propertiesFileContent["status.storage.replication.factor"] is "2", below the minimum of 3, so the topic of connector and task status keeps fewer than 3 copies; set propertiesFileContent["status.storage.replication.factor"] to 3.',
      ],
    ],
    [
      "Aiven replication flow: replication factor 2",
      aivenFlow({ replicationFactor: 2 }),
      [
        'Aiven replication flow "kafka-a → kafka-b": replicationFactor is 2, below the minimum of 3, so the topic of the mirrored topics\' messages keeps fewer than 3 copies; set replicationFactor to 3.',
      ],
    ],
    [
      "Aiven replication flow: not set, MirrorMaker 2's default 2",
      aivenFlow({}),
      [
        "Aiven replication flow \"kafka-a → kafka-b\": replicationFactor is not set, so MirrorMaker 2's default 2 applies, below the minimum of 3, so the topic of the mirrored topics' messages keeps fewer than 3 copies; set replicationFactor to 3.",
      ],
    ],
    ["Aiven replication flow: 3", aivenFlow({ replicationFactor: 3 }), []],
    [
      "Confluent for Kubernetes Connect: the config topic on 1 replica",
      cfk("Connect", { configOverrides: { server: ["config.storage.replication.factor=1"] } }),
      [
        'Kafka Connect "connect": the "config.storage.replication.factor" line of spec.configOverrides.server is "1", below the minimum of 3, so the topic of connector configurations keeps fewer than 3 copies; set the "config.storage.replication.factor" line of spec.configOverrides.server to 3.',
      ],
    ],
    [
      "Confluent for Kubernetes Connect: spec.internalTopicReplicationFactor sets the three storage topics",
      cfk("Connect", {
        internalTopicReplicationFactor: 2,
        configOverrides: { server: ["status.storage.replication.factor=3"] },
      }),
      [
        'Kafka Connect "connect": spec.internalTopicReplicationFactor is 2, below the minimum of 3, so the topic of connector configurations keeps fewer than 3 copies; set spec.internalTopicReplicationFactor to 3.',
        'Kafka Connect "connect": spec.internalTopicReplicationFactor is 2, below the minimum of 3, so the topic of source connectors\' offsets keeps fewer than 3 copies; set spec.internalTopicReplicationFactor to 3.',
      ],
    ],
    [
      "Confluent for Kubernetes SchemaRegistry: the field, overridden by a server line",
      cfk("SchemaRegistry", {
        internalTopicReplicatorFactor: 3,
        configOverrides: { server: ["kafkastore.topic.replication.factor=1"] },
      }),
      [
        'Schema Registry "schemaregistry": the "kafkastore.topic.replication.factor" line of spec.configOverrides.server is "1", below the minimum of 3, so the topic of registered schemas (_schemas) keeps fewer than 3 copies; set the "kafkastore.topic.replication.factor" line of spec.configOverrides.server to 3.',
      ],
    ],
    [
      "Confluent for Kubernetes SchemaRegistry: unset, Schema Registry's default 3",
      cfk("SchemaRegistry", { replicas: 3 }),
      [],
    ],
    [
      "Confluent for Kubernetes KsqlDB: the internal topics on 1 replica",
      cfk("KsqlDB", {
        internalTopicReplicationFactor: 1,
        configOverrides: { server: ["ksql.streams.replication.factor=2"] },
      }),
      [
        'ksqlDB "ksqldb": spec.internalTopicReplicationFactor is 1, below the minimum of 3, so the topic of ksqlDB\'s commands and internal state keeps fewer than 3 copies; set spec.internalTopicReplicationFactor to 3.',
        'ksqlDB "ksqldb": the "ksql.streams.replication.factor" line of spec.configOverrides.server is "2", below the minimum of 3, so the topic of the queries\' changelogs and repartitioned records keeps fewer than 3 copies; set the "ksql.streams.replication.factor" line of spec.configOverrides.server to 3.',
      ],
    ],
    ["Confluent for Kubernetes KsqlDB: unset, Confluent for Kubernetes decides", cfk("KsqlDB", { replicas: 2 }), []],
    [
      "Confluent for Kubernetes ClusterLink: one mirror topic on 2 replicas, one on the brokers' default",
      cfk("ClusterLink", {
        sourceKafkaCluster: { bootstrapEndpoint: "source:9092" },
        destinationKafkaCluster: { kafkaRestClassRef: { name: "dest" } },
        mirrorTopics: [{ name: "orders", replicationFactor: 2 }, { name: "payments" }],
      }),
      [
        'Cluster link "clusterlink", mirror topic "orders": spec.mirrorTopics[0].replicationFactor is 2, below the minimum of 3, so the topic of the mirrored messages keeps fewer than 3 copies; set spec.mirrorTopics[0].replicationFactor to 3.',
      ],
    ],
  ])("%s", async (_label, resource, expected) => {
    expect(await messagesOf(resource)).toEqual(expected);
  });

  it.each<[string, ResourceUnderTest]>([
    ["a connector config has no storage topics", connector({ "offset.storage.replication.factor": 1 })],
    ["Confluent Cloud connector", confluentConnector({}, {})],
    ["Strimzi KafkaBridge: no topics of its own", bridge({ "replication.factor": 1 })],
  ])("not applicable: %s", async (_label, resource) => {
    expect((await runPolicy(connectTopicsPolicy, resource)).kind).toBe("not-applicable");
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
