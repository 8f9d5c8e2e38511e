import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READ_TYPES } from "../../policy-pack/platforms";
import { type AnalyzedResource, PolicyPackProcess } from "../support/analyzer-client";

const TOPIC_POLICIES = [
  "kafka-topic-min-replication-factor",
  "kafka-topic-min-insync-replicas",
  "kafka-topic-replicas-above-min-insync",
  "kafka-topic-no-unclean-leader-election",
];

function strimzi(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  extra: object = {},
  version = "v1beta2",
): AnalyzedResource {
  return {
    type: `kubernetes:kafka.strimzi.io/${version}:${kind}`,
    name: `kafka/${name}`,
    props: {
      apiVersion: `kafka.strimzi.io/${version}`,
      kind,
      metadata: { name, namespace: "kafka", labels: { "strimzi.io/cluster": "main" }, ...extra },
      spec,
    },
    protect: true,
  };
}

// @pulumi/aiven KafkaTopicArgs: replication (number) and a typed config block.
function aivenTopic(replication: number, config: Record<string, unknown>, extra: object = {}): AnalyzedResource {
  return {
    type: "aiven:index/kafkaTopic:KafkaTopic",
    name: "orders",
    props: { project: "acme", serviceName: "kafka", topicName: "orders", partitions: 3, replication, config, ...extra },
  };
}

// The Redpanda operator's kinds (cluster.redpanda.com, operator/api/redpanda/v1alpha2/*_types.go).
function redpanda(kind: string, name: string, spec: Record<string, unknown>, version = "v1alpha2"): AnalyzedResource {
  return {
    type: `kubernetes:cluster.redpanda.com/${version}:${kind}`,
    name: `redpanda/${name}`,
    props: { apiVersion: `cluster.redpanda.com/${version}`, kind, metadata: { name, namespace: "redpanda" }, spec },
    protect: true,
  };
}

// The legacy operator's Cluster (redpanda.vectorized.io/v1alpha1, operator/api/vectorized/v1alpha1/cluster_types.go).
function legacyCluster(spec: Record<string, unknown>): AnalyzedResource {
  return {
    type: "kubernetes:redpanda.vectorized.io/v1alpha1:Cluster",
    name: "redpanda/legacy",
    props: {
      apiVersion: "redpanda.vectorized.io/v1alpha1",
      kind: "Cluster",
      metadata: { name: "legacy", namespace: "redpanda" },
      spec,
    },
    protect: true,
  };
}

const SAFE_BROKERS = {
  "default.replication.factor": 3,
  "min.insync.replicas": 2,
  "unclean.leader.election.enable": false,
  "auto.create.topics.enable": false,
};

const SAFE_SERVER_PROPERTIES =
  "auto.create.topics.enable=false\ndefault.replication.factor=3\nmin.insync.replicas=2\nunclean.leader.election.enable=false\n" +
  "offsets.topic.replication.factor=3\ntransaction.state.log.replication.factor=3\ntransaction.state.log.min.isr=2\n";

/** One resource of each type read for its producers or its clients' topics (Connect, MirrorMaker, bridges, CFK components). */
const CONNECT_RESOURCES: { label: string; resource: AnalyzedResource; expected: [string, string][] }[] = [
  {
    label: "MSK Connect connector (@pulumi/aws)",
    resource: {
      type: "aws:mskconnect/connector:Connector",
      name: "sink",
      props: { name: "sink", connectorConfiguration: { "producer.override.acks": "1" } },
    },
    expected: [["kafka-connect-durable-producer", "mandatory"]],
  },
  {
    label: "MSK Connect connector (@pulumi/aws-native)",
    resource: {
      type: "aws-native:kafkaconnect:Connector",
      name: "sink",
      props: { connectorName: "sink", connectorConfiguration: { "producer.override.enable.idempotence": "false" } },
    },
    expected: [["kafka-connect-idempotent-producer", "advisory"]],
  },
  {
    label: "MSK Connect worker configuration (@pulumi/aws)",
    resource: {
      type: "aws:mskconnect/workerConfiguration:WorkerConfiguration",
      name: "workers",
      props: { name: "workers", propertiesFileContent: "producer.retries=0\n" },
    },
    expected: [["kafka-connect-durable-producer", "mandatory"]],
  },
  {
    label: "MSK Connect worker configuration (@pulumi/aws-native, base64)",
    resource: {
      type: "aws-native:kafkaconnect:WorkerConfiguration",
      name: "workers",
      props: {
        name: "workers",
        propertiesFileContent: Buffer.from("offset.storage.replication.factor=1\n").toString("base64"),
      },
    },
    expected: [["kafka-connect-internal-topics", "mandatory"]],
  },
  {
    label: "Aiven connector",
    resource: {
      type: "aiven:index/kafkaConnector:KafkaConnector",
      name: "sink",
      props: { connectorName: "sink", config: { "producer.override.acks": "0" } },
    },
    expected: [["kafka-connect-durable-producer", "mandatory"]],
  },
  {
    label: "Aiven replication flow without a replication factor",
    resource: {
      type: "aiven:index/mirrorMakerReplicationFlow:MirrorMakerReplicationFlow",
      name: "flow",
      props: { sourceCluster: "a", targetCluster: "b", enable: true },
    },
    expected: [["kafka-connect-internal-topics", "mandatory"]],
  },
  {
    label: "Confluent for Kubernetes Connect",
    resource: {
      type: "kubernetes:platform.confluent.io/v1beta1:Connect",
      name: "confluent/connect",
      props: { metadata: { name: "connect" }, spec: { configOverrides: { server: ["producer.acks=1"] } } },
    },
    expected: [["kafka-connect-durable-producer", "mandatory"]],
  },
  {
    label: "Confluent for Kubernetes Connector",
    resource: {
      type: "kubernetes:platform.confluent.io/v1beta1:Connector",
      name: "confluent/sink",
      props: { metadata: { name: "sink" }, spec: { configs: { "producer.override.retries": "0" } } },
    },
    expected: [["kafka-connect-durable-producer", "mandatory"]],
  },
  {
    label: "Strimzi KafkaBridge",
    resource: strimzi("KafkaBridge", "bridge", { replicas: 1, producer: { config: { acks: 1 } } }),
    expected: [["kafka-connect-durable-producer", "mandatory"]],
  },
  {
    label: "Strimzi KafkaBridge (v1)",
    resource: {
      ...strimzi("KafkaBridge", "bridge", { producer: { config: { "enable.idempotence": false } } }),
      type: "kubernetes:kafka.strimzi.io/v1:KafkaBridge",
    },
    expected: [["kafka-connect-idempotent-producer", "advisory"]],
  },
  {
    label: "Strimzi KafkaMirrorMaker (MirrorMaker 1)",
    resource: strimzi("KafkaMirrorMaker", "mm", { producer: { config: { retries: 0 } } }),
    expected: [["kafka-connect-durable-producer", "mandatory"]],
  },
  {
    label: "Confluent for Kubernetes SchemaRegistry",
    resource: {
      type: "kubernetes:platform.confluent.io/v1beta1:SchemaRegistry",
      name: "confluent/schemaregistry",
      props: { metadata: { name: "schemaregistry" }, spec: { replicas: 3, internalTopicReplicatorFactor: 1 } },
    },
    expected: [["kafka-connect-internal-topics", "mandatory"]],
  },
  {
    label: "Confluent for Kubernetes KsqlDB",
    resource: {
      type: "kubernetes:platform.confluent.io/v1beta1:KsqlDB",
      name: "confluent/ksqldb",
      props: {
        metadata: { name: "ksqldb" },
        spec: { replicas: 2, configOverrides: { server: ["ksql.streams.producer.acks=1"] } },
      },
    },
    expected: [["kafka-connect-durable-producer", "mandatory"]],
  },
  {
    label: "Confluent for Kubernetes KafkaRestProxy",
    resource: {
      type: "kubernetes:platform.confluent.io/v1beta1:KafkaRestProxy",
      name: "confluent/kafkarestproxy",
      props: { metadata: { name: "kafkarestproxy" }, spec: { configOverrides: { server: ["producer.acks=0"] } } },
    },
    expected: [["kafka-connect-durable-producer", "mandatory"]],
  },
  {
    label: "Confluent for Kubernetes ClusterLink",
    resource: {
      type: "kubernetes:platform.confluent.io/v1beta1:ClusterLink",
      name: "confluent/link",
      props: { metadata: { name: "link" }, spec: { mirrorTopics: [{ name: "orders", replicationFactor: 2 }] } },
    },
    expected: [["kafka-connect-internal-topics", "mandatory"]],
  },
  {
    // Redpanda Connect's kafka output waits for the leader alone unless ack_replicas is true, and is not idempotent.
    label: "Redpanda Pipeline",
    resource: redpanda("Pipeline", "ingest", {
      configYaml:
        "input:\n  kafka:\n    topics: [clicks]\noutput:\n  kafka:\n    addresses: [redpanda:9092]\n    topic: orders\n",
    }),
    expected: [
      ["kafka-connect-durable-producer", "mandatory"],
      ["kafka-connect-idempotent-producer", "advisory"],
    ],
  },
];

let pack: PolicyPackProcess;

beforeAll(async () => {
  pack = await PolicyPackProcess.start();
});

afterAll(async () => {
  await pack?.stop();
});

async function policiesFlagging(resource: AnalyzedResource): Promise<[string, string][]> {
  return (await pack.analyze(resource)).map((d) => [d.policyName, d.enforcementLevel]);
}

describe("the policy pack over the analyzer protocol, per platform", () => {
  it.each<[string, AnalyzedResource, [string, string][]]>([
    [
      "Aiven topic",
      { ...aivenTopic(2, { minInsyncReplicas: "1", uncleanLeaderElectionEnable: true }), protect: true },
      [
        ["kafka-topic-min-replication-factor", "mandatory"],
        ["kafka-topic-min-insync-replicas", "mandatory"],
        ["kafka-topic-no-unclean-leader-election", "mandatory"],
      ],
    ],
    [
      "Aiven topic, compliant and guarded by terminationProtection",
      aivenTopic(3, { minInsyncReplicas: "2", uncleanLeaderElectionEnable: false }, { terminationProtection: true }),
      [],
    ],
    [
      "Confluent Cloud topic",
      {
        type: "confluentcloud:index/kafkaTopic:KafkaTopic",
        name: "orders",
        props: { topicName: "orders", kafkaCluster: { id: "lkc-1" }, config: { "min.insync.replicas": "1" } },
        protect: true,
      },
      [["kafka-topic-min-insync-replicas", "mandatory"]],
    ],
    [
      "Strimzi topic: what it sets",
      strimzi("KafkaTopic", "orders", { partitions: 3, replicas: 1, config: { "min.insync.replicas": 2 } }),
      [
        ["kafka-topic-min-replication-factor", "mandatory"],
        ["kafka-topic-replicas-above-min-insync", "mandatory"],
      ],
    ],
    [
      "Strimzi topic, unprotected",
      { ...strimzi("KafkaTopic", "orders", { replicas: 3 }), protect: false },
      [["kafka-topic-deletion-protection", "advisory"]],
    ],
    [
      "MSK topic: the @pulumi/aws documentation example (replication factor 2, min.insync.replicas 2)",
      {
        type: "aws:msk/topic:Topic",
        name: "example",
        props: {
          name: "Example",
          clusterArn: "arn:aws:kafka:us-west-2:123456789012:cluster/example/0",
          partitionCount: 2,
          replicationFactor: 2,
          configs: JSON.stringify({ "retention.ms": "604800000", "min.insync.replicas": "2" }),
        },
        protect: true,
      },
      [
        ["kafka-topic-min-replication-factor", "mandatory"],
        ["kafka-topic-replicas-above-min-insync", "mandatory"],
      ],
    ],
    [
      "MSK configuration",
      {
        type: "aws:msk/configuration:Configuration",
        name: "prod",
        props: { name: "prod", serverProperties: "min.insync.replicas = 1\nauto.create.topics.enable: true\n" },
      },
      [
        ["kafka-broker-default-replication-factor", "mandatory"],
        ["kafka-broker-min-insync-replicas", "mandatory"],
        ["kafka-broker-no-unclean-leader-election", "mandatory"],
        ["kafka-broker-no-auto-create-topics", "mandatory"],
        // One per internal-topic setting MSK decides from the Availability Zone count.
        ["kafka-broker-internal-topics", "mandatory"],
        ["kafka-broker-internal-topics", "mandatory"],
        ["kafka-broker-internal-topics", "mandatory"],
      ],
    ],
    [
      "MSK configuration, safe",
      {
        type: "aws:msk/configuration:Configuration",
        name: "prod",
        props: { serverProperties: SAFE_SERVER_PROPERTIES },
      },
      [],
    ],
    [
      "Strimzi Kafka",
      strimzi("Kafka", "main", {
        kafka: { replicas: 3, config: { ...SAFE_BROKERS, "auto.create.topics.enable": true } },
      }),
      [["kafka-broker-no-auto-create-topics", "mandatory"]],
    ],
    [
      "Strimzi KafkaConnect",
      strimzi("KafkaConnect", "connect", { config: { "producer.acks": "1" } }),
      [["kafka-connect-durable-producer", "mandatory"]],
    ],
    [
      "Strimzi KafkaConnect: its offsets topic on 1 replica",
      strimzi("KafkaConnect", "connect", { config: { "offset.storage.replication.factor": 1 } }),
      [["kafka-connect-internal-topics", "mandatory"]],
    ],
    [
      "Confluent connector",
      {
        type: "confluentcloud:index/connector:Connector",
        name: "sink",
        props: { configNonsensitive: { name: "sink", "producer.override.retries": "0" }, configSensitive: {} },
      },
      [["kafka-connect-durable-producer", "mandatory"]],
    ],
    ...CONNECT_RESOURCES.map(
      ({ label, resource, expected }) => [label, resource, expected] as [string, AnalyzedResource, [string, string][]],
    ),
    [
      "MSK Serverless cluster: MSK fixes its broker configuration",
      { type: "aws:msk/serverlessCluster:ServerlessCluster", name: "serverless", props: { clusterName: "serverless" } },
      [],
    ],
    [
      "MSK Replicator: no replication setting of its own",
      { type: "aws:msk/replicator:Replicator", name: "dr", props: { replicatorName: "dr" } },
      [],
    ],
    [
      "MSK Replicator (@pulumi/aws-native)",
      { type: "aws-native:msk:Replicator", name: "dr", props: { replicatorName: "dr" } },
      [],
    ],
    [
      "Confluent for Kubernetes KRaftController: the metadata quorum",
      {
        type: "kubernetes:platform.confluent.io/v1beta1:KRaftController",
        name: "confluent/kraft",
        props: { metadata: { name: "kraft" }, spec: { replicas: 3 } },
      },
      [],
    ],
    [
      "Confluent Cloud cluster: replication is fixed",
      { type: "confluentcloud:index/kafkaCluster:KafkaCluster", name: "prod", props: { displayName: "prod" } },
      [],
    ],
    ...(["v1alpha1", "v1alpha2"] as const).flatMap((version): [string, AnalyzedResource, [string, string][]][] => [
      [
        `Redpanda Topic ${version}: replication factor 1; min.insync.replicas and unclean election are Redpanda's no-ops`,
        redpanda(
          "Topic",
          "orders",
          {
            replicationFactor: 1,
            additionalConfig: { "min.insync.replicas": "1", "unclean.leader.election.enable": "true" },
            cluster: { clusterRef: { name: "main" } },
          },
          version,
        ),
        [["kafka-topic-min-replication-factor", "mandatory"]],
      ],
      [
        `Redpanda ${version}: 1 broker, so Redpanda's default_topic_replications 1`,
        redpanda("Redpanda", "main", { clusterSpec: { statefulset: { replicas: 1 } } }, version),
        [["kafka-broker-default-replication-factor", "mandatory"]],
      ],
    ]),
    [
      "Redpanda NodePool: read by the stack policies only",
      redpanda("NodePool", "blue", { clusterRef: { name: "main" }, replicas: 1 }),
      [],
    ],
    ["Redpanda User: nothing to check", redpanda("User", "billing", { cluster: { clusterRef: { name: "main" } } }), []],
    [
      "Redpanda StretchCluster: default_topic_replications depends on pools it does not show",
      redpanda("StretchCluster", "stretch", {}),
      [["kafka-broker-default-replication-factor", "mandatory"]],
    ],
    [
      "Redpanda RedpandaBrokerPool: read by the stack policies only",
      redpanda("RedpandaBrokerPool", "a", { clusterRef: { kind: "StretchCluster", name: "stretch" }, replicas: 1 }),
      [],
    ],
    [
      "legacy Redpanda Cluster: 1 replica, so Redpanda's default_topic_replications 1, and auto-creation on",
      legacyCluster({ replicas: 1, configuration: { autoCreateTopics: true } }),
      [
        ["kafka-broker-default-replication-factor", "mandatory"],
        ["kafka-broker-no-auto-create-topics", "mandatory"],
      ],
    ],
    [
      "Redpanda ShadowLink: nothing to check",
      redpanda("ShadowLink", "dr", { shadowCluster: { clusterRef: { name: "main" } } }),
      [],
    ],
    [
      "Redpanda Broker: nothing to check",
      redpanda("Broker", "main-0", { clusterRef: { name: "main" }, networkIndex: 0 }),
      [],
    ],
    [
      "Redpanda Cloud topic (@pulumiverse/redpanda): replication factor 1, deletion allowed",
      {
        type: "redpanda:index/topic:Topic",
        name: "orders",
        props: { name: "orders", clusterApiUrl: "https://api.example", replicationFactor: 1, allowDeletion: true },
      },
      [
        ["kafka-topic-min-replication-factor", "mandatory"],
        ["kafka-topic-deletion-protection", "advisory"],
      ],
    ],
    [
      "Redpanda Cloud cluster (@pulumiverse/redpanda): Redpanda runs the brokers",
      { type: "redpanda:index/cluster:Cluster", name: "prod", props: { name: "prod" } },
      [],
    ],
  ])("%s", async (_label, resource, expected) => {
    await pack.configure({});
    expect(await policiesFlagging(resource)).toEqual(expected);
  });

  it("makes deletion protection mandatory when configured so", async () => {
    await pack.configure({ "kafka-topic-deletion-protection": { enforcementLevel: "mandatory" } });
    const unprotected = { ...strimzi("KafkaTopic", "orders", { replicas: 3 }), protect: false };
    const diagnostics = await pack.analyze(unprotected);
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["kafka-topic-deletion-protection", "mandatory"],
    ]);
    expect(diagnostics[0]?.message).toContain("set the resource option protect: true");
    expect(diagnostics[0]?.message).toContain("retainOnDelete is not visible to policies");
  });

  it("names a Kafka resource no adapter reads, advisory unless configured mandatory, and stays silent on others", async () => {
    // Confluent for Kubernetes' KRaftMigrationJob: no CRD to read its shape from.
    const migration: AnalyzedResource = {
      type: "kubernetes:platform.confluent.io/v1beta1:KRaftMigrationJob",
      name: "confluent/migrate",
      props: { metadata: { name: "migrate" }, spec: {} },
    };
    const snsTopic: AnalyzedResource = { type: "aws:sns/topic:Topic", name: "alerts", props: { name: "alerts" } };
    await pack.configure({});
    const diagnostics = await pack.analyze(migration);
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["kafka-resource-unchecked", "advisory"],
    ]);
    expect(diagnostics[0]?.message).toContain(
      'Resource "confluent/migrate" (kubernetes:platform.confluent.io/v1beta1:KRaftMigrationJob) is a Kafka resource that kafkaguard does not read, so its durability settings were not checked; check its replication, min.insync.replicas, unclean leader election and producer settings by hand.',
    );
    expect(await pack.analyze(snsTopic)).toEqual([]);
    await pack.configure({ "kafka-resource-unchecked": { enforcementLevel: "mandatory" } });
    expect((await pack.analyze(migration)).map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["kafka-resource-unchecked", "mandatory"],
    ]);
  });

  it("reads a Redpanda Pipeline's Redpanda Connect YAML: the outputs' fields, their defaults, and YAML it cannot read", async () => {
    await pack.configure({});
    const pipeline = (configYaml: string) => redpanda("Pipeline", "ingest", { configYaml });
    const messages = async (configYaml: string) =>
      // A diagnostic's message is the policy's description, then the violation on its own line.
      (await pack.analyze(pipeline(configYaml))).map((d) => [d.policyName, d.message.split("\n").at(-1)]);
    expect(await messages("output:\n  kafka:\n    topic: orders\n")).toEqual([
      [
        "kafka-connect-durable-producer",
        'Redpanda Pipeline "ingest": output.kafka.ack_replicas in spec.configYaml is not set, and its default is false, so the output waits for the leader alone (acks=1), and a leader crash loses the write; set output.kafka.ack_replicas in spec.configYaml to true.',
      ],
      [
        "kafka-connect-idempotent-producer",
        'Redpanda Pipeline "ingest": output.kafka.idempotent_write in spec.configYaml is not set, and its default is false, so a retried write can be stored twice (a duplicate, not a loss); set output.kafka.idempotent_write in spec.configYaml to true (its default is false).',
      ],
    ]);
    // kafka_franz and redpanda outputs default to acks all and idempotent writes.
    expect(
      await messages(
        "output:\n  broker:\n    outputs:\n      - redpanda: { topic: a }\n      - kafka_franz: { topic: b }\n",
      ),
    ).toEqual([]);
    expect(
      await messages(
        "redpanda:\n  acks: leader\n  idempotent_write: false\noutput:\n  redpanda_common: { topic: a }\n",
      ),
    ).toEqual([
      [
        "kafka-connect-durable-producer",
        'Redpanda Pipeline "ingest": redpanda.acks in spec.configYaml is "leader", so the output waits for the leader alone (acks=1), and a leader crash loses the write; set redpanda.acks in spec.configYaml to "all" or remove it (the default is durable).',
      ],
      [
        "kafka-connect-idempotent-producer",
        'Redpanda Pipeline "ingest": redpanda.idempotent_write in spec.configYaml is false, so a retried write can be stored twice (a duplicate, not a loss); set redpanda.idempotent_write in spec.configYaml to true (its default is true).',
      ],
    ]);
    expect(
      await messages(
        "output:\n  kafka:\n    ack_replicas: true\n    idempotent_write: true\n    custom_topic_creation: { enabled: true, replication_factor: 1 }\n",
      ),
    ).toEqual([
      [
        "kafka-connect-internal-topics",
        'Redpanda Pipeline "ingest": output.kafka.custom_topic_creation.replication_factor in spec.configYaml is 1, below the minimum of 3, so the topic of this output\'s messages keeps fewer than 3 copies; set output.kafka.custom_topic_creation.replication_factor in spec.configYaml to 3.',
      ],
    ]);
    expect(await messages("output:\n  kafka: [\n")).toEqual([
      [
        "kafka-connect-durable-producer",
        'Redpanda Pipeline "ingest": spec.configYaml is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1), so its outputs\' producer settings cannot be checked; make it one valid YAML document.',
      ],
    ]);
  });

  it("remediates a Strimzi topic in its own terms", async () => {
    await pack.configure(
      Object.fromEntries(TOPIC_POLICIES.map((name) => [name, { enforcementLevel: "remediate" as const }])),
    );
    const fixed = await pack.remediate(
      strimzi("KafkaTopic", "orders", { replicas: 1, config: { "min.insync.replicas": 1, "retention.ms": 1000 } }),
    );
    expect(fixed.props?.["spec"]).toEqual({ replicas: 3, config: { "min.insync.replicas": 2, "retention.ms": 1000 } });
  });

  it("remediates a Redpanda topic's replication factor, and leaves the settings Redpanda ignores", async () => {
    await pack.configure(
      Object.fromEntries(TOPIC_POLICIES.map((name) => [name, { enforcementLevel: "remediate" as const }])),
    );
    const spec = { replicationFactor: 1, additionalConfig: { "min.insync.replicas": "1" } };
    const fixed = await pack.remediate(redpanda("Topic", "orders", spec));
    expect(fixed.props?.["spec"]).toEqual({ ...spec, replicationFactor: 3 });
  });
});

describe("AnalyzeStack", () => {
  it("checks a Strimzi stack: inherited defaults, node-pool brokers, topics against brokers", async () => {
    await pack.configure({});
    const stack: AnalyzedResource[] = [
      strimzi(
        "Kafka",
        "main",
        { kafka: { config: { ...SAFE_BROKERS, "min.insync.replicas": 1 } } },
        {
          annotations: { "strimzi.io/node-pools": "enabled" },
        },
      ),
      strimzi("KafkaNodePool", "brokers", { replicas: 2, roles: ["broker"] }),
      strimzi("KafkaNodePool", "controllers", { replicas: 3, roles: ["controller"] }),
      strimzi("KafkaTopic", "orders", { partitions: 3, replicas: 3 }),
    ];
    const diagnostics = await pack.analyzeStack(stack);
    expect(diagnostics.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-topic-inherited-settings", "kafka/orders"],
      ["kafka-cluster-min-brokers", "kafka/main"],
      ["kafka-topic-replicas-within-brokers", "kafka/orders"],
    ]);
    expect(diagnostics[0]?.message).toContain('inherits the default "1" of the broker config of Strimzi Kafka "main"');
    expect(diagnostics.every((d) => d.enforcementLevel === "mandatory")).toBe(true);
  });

  it("checks an MSK stack, linking topics to the cluster through their provider", async () => {
    await pack.configure({});
    const stack: AnalyzedResource[] = [
      {
        type: "aws:msk/configuration:Configuration",
        name: "prod-config",
        props: { serverProperties: SAFE_SERVER_PROPERTIES },
      },
      {
        type: "aws:msk/cluster:Cluster",
        name: "prod",
        props: { clusterName: "prod", numberOfBrokerNodes: 3, configurationInfo: { arn: "arn:config", revision: 1 } },
        dependsOn: ["prod-config"],
        propertyDependencies: { configurationInfo: ["prod-config"] },
      },
      { type: "pulumi:providers:kafka", name: "prod-kafka", props: {}, dependsOn: ["prod"] },
      {
        type: "kafka:index/topic:Topic",
        name: "orders",
        props: { name: "orders", partitions: 3, replicationFactor: 3, config: { "min.insync.replicas": "3" } },
        provider: "prod-kafka",
      },
    ];
    const diagnostics = await pack.analyzeStack(stack);
    expect(diagnostics.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-topic-min-insync-below-brokers", "orders"],
    ]);
    expect(diagnostics[0]?.message).toContain('equal to the 3 brokers of MSK cluster "prod"');
  });

  it("checks an aws.msk.Topic against the MSK cluster its clusterArn names", async () => {
    await pack.configure({});
    const stack: AnalyzedResource[] = [
      {
        type: "aws:msk/cluster:Cluster",
        name: "prod",
        props: { clusterName: "prod", numberOfBrokerNodes: 2 },
      },
      {
        type: "aws:msk/topic:Topic",
        name: "orders",
        props: {
          name: "orders",
          clusterArn: "arn:aws:kafka:cluster/prod",
          partitionCount: 3,
          replicationFactor: 3,
          configs: JSON.stringify({ "min.insync.replicas": "2" }),
        },
        propertyDependencies: { clusterArn: ["prod"] },
      },
    ];
    const diagnostics = await pack.analyzeStack(stack);
    expect(diagnostics.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-cluster-min-brokers", "prod"],
      ["kafka-topic-replicas-within-brokers", "orders"],
      ["kafka-topic-min-insync-below-brokers", "orders"],
    ]);
    expect(diagnostics[1]?.message).toContain('replicationFactor is 3, more than the 2 brokers of MSK cluster "prod"');
  });

  it("checks an MSK stack declared through Cloud Control (@pulumi/aws-native)", async () => {
    await pack.configure({});
    const stack: AnalyzedResource[] = [
      {
        type: "aws-native:msk:Configuration",
        name: "prod-config",
        props: {
          name: "prod",
          serverProperties: SAFE_SERVER_PROPERTIES.replace("min.insync.replicas=2", "min.insync.replicas=1"),
        },
      },
      {
        type: "aws-native:msk:Cluster",
        name: "prod",
        props: { clusterName: "prod", numberOfBrokerNodes: 3, configurationInfo: { arn: "arn:config", revision: 1 } },
        propertyDependencies: { configurationInfo: ["prod-config"] },
      },
      {
        type: "aws-native:msk:Topic",
        name: "orders",
        props: {
          topicName: "orders",
          clusterArn: "arn:aws:kafka:cluster/prod",
          partitionCount: 3,
          replicationFactor: 3,
          configs: Buffer.from(JSON.stringify({ "min.insync.replicas": "3" })).toString("base64"),
        },
        propertyDependencies: { clusterArn: ["prod"] },
        protect: true,
      },
    ];
    const diagnostics = await pack.analyzeStack(stack);
    expect(diagnostics.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-topic-min-insync-below-brokers", "orders"],
    ]);
    expect(diagnostics[0]?.message).toContain(
      'configs["min.insync.replicas"] is "3", equal to the 3 brokers of MSK cluster "prod"',
    );
    // Analyze, per resource: the configuration's own default, and the topic's replicas against its min ISR.
    expect((await pack.analyze(stack[0] as AnalyzedResource)).map((d) => d.policyName)).toEqual([
      "kafka-broker-min-insync-replicas",
    ]);
    expect((await pack.analyze(stack[2] as AnalyzedResource)).map((d) => d.policyName)).toEqual([
      "kafka-topic-replicas-above-min-insync",
    ]);
  });

  it("checks an Aiven stack: topics inherit from the Kafka service of their project and service name", async () => {
    await pack.configure({});
    const service: AnalyzedResource = {
      type: "aiven:index/kafka:Kafka",
      name: "kafka",
      props: { project: "acme", serviceName: "kafka", plan: "business-4", kafkaUserConfig: { kafka: {} } },
    };
    const stack: AnalyzedResource[] = [
      service,
      { ...aivenTopic(3, { uncleanLeaderElectionEnable: false }), protect: true },
    ];
    const diagnostics = await pack.analyzeStack(stack);
    expect(diagnostics.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-topic-inherited-settings", "orders"],
    ]);
    expect(diagnostics[0]?.message).toContain(
      'config.minInsyncReplicas is not set on the topic, so it inherits the default "1" of the broker config of Aiven Kafka service "kafka" in this stack',
    );
    // Analyze, per resource: the service's own min.insync.replicas falls back to Aiven's default 1.
    expect((await pack.analyze(service)).map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["kafka-broker-min-insync-replicas", "mandatory"],
    ]);
    const fixed = { ...service, props: { ...service.props, kafkaUserConfig: { kafka: { minInsyncReplicas: 2 } } } };
    expect(await pack.analyzeStack([fixed, stack[1] as AnalyzedResource])).toEqual([]);
  });

  it("checks a Confluent for Kubernetes stack: topics against the Kafka their kafkaClusterRef names", async () => {
    await pack.configure({});
    const cfk = (kind: string, name: string, spec: Record<string, unknown>): AnalyzedResource => ({
      type: `kubernetes:platform.confluent.io/v1beta1:${kind}`,
      name: `confluent/${name}`,
      props: { apiVersion: "platform.confluent.io/v1beta1", kind, metadata: { name, namespace: "confluent" }, spec },
      protect: true,
    });
    const kafka = cfk("Kafka", "kafka", {
      replicas: 3,
      configOverrides: {
        server: ["default.replication.factor=3", "min.insync.replicas=1", "auto.create.topics.enable=false"],
      },
    });
    const topic = cfk("KafkaTopic", "orders", { replicas: 3, partitionCount: 6, kafkaClusterRef: { name: "kafka" } });
    expect((await pack.analyze(kafka)).map((d) => d.policyName)).toEqual(["kafka-broker-min-insync-replicas"]);
    expect(await pack.analyze(topic)).toEqual([]);
    const diagnostics = await pack.analyzeStack([kafka, topic]);
    expect(diagnostics.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-topic-inherited-settings", "confluent/orders"],
    ]);
    expect(diagnostics[0]?.message).toContain(
      'of the broker config of Confluent for Kubernetes Kafka "kafka" in this stack',
    );
  });

  it("checks Connect resources one by one: in a stack they leave the stack policies silent", async () => {
    await pack.configure({});
    const stack = CONNECT_RESOURCES.map(({ resource }) => resource);
    expect(await pack.analyzeStack(stack)).toEqual([]);
    for (const { label, resource, expected } of CONNECT_RESOURCES) {
      expect([label, await policiesFlagging(resource)]).toEqual([label, expected]);
    }
  });

  it("checks an MSK stack on Express brokers with the replication MSK fixes for them", async () => {
    await pack.configure({});
    const cluster = (instanceType: string): AnalyzedResource => ({
      type: "aws:msk/cluster:Cluster",
      name: "prod",
      props: {
        clusterName: "prod",
        numberOfBrokerNodes: 3,
        brokerNodeGroupInfo: { instanceType, clientSubnets: ["a", "b", "c"] },
        configurationInfo: { arn: "arn:config", revision: 1 },
      },
      propertyDependencies: { configurationInfo: ["prod-config"] },
    });
    const configuration: AnalyzedResource = {
      type: "aws:msk/configuration:Configuration",
      name: "prod-config",
      props: { name: "prod", serverProperties: "default.replication.factor=3\nmin.insync.replicas=3\n" },
    };
    const provider: AnalyzedResource = {
      type: "pulumi:providers:kafka",
      name: "prod-kafka",
      props: { bootstrapServers: '["b-1.prod:9098"]' },
      propertyDependencies: { bootstrapServers: ["prod"] },
    };
    const topic: AnalyzedResource = {
      type: "kafka:index/topic:Topic",
      name: "orders",
      props: { name: "orders", partitions: 3 },
      provider: "prod-kafka",
      protect: true,
    };
    const onStandard = await pack.analyzeStack([configuration, cluster("kafka.m7g.large"), provider, topic]);
    expect(onStandard.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-topic-min-insync-below-brokers", "orders"],
    ]);
    // Express brokers fix min.insync.replicas at 2, whatever the configuration says.
    expect(await pack.analyzeStack([configuration, cluster("express.m7g.large"), provider, topic])).toEqual([]);
  });

  it("checks a Redpanda stack: topics inherit default_topic_replications, brokers from the StatefulSet and NodePools", async () => {
    await pack.configure({});
    const stack: AnalyzedResource[] = [
      redpanda("Redpanda", "main", { clusterSpec: { statefulset: { replicas: 1 } } }),
      redpanda("NodePool", "blue", { clusterRef: { name: "main" }, replicas: 1 }),
      redpanda("Topic", "orders", { partitions: 3, cluster: { clusterRef: { name: "main" } } }),
    ];
    const diagnostics = await pack.analyzeStack(stack);
    expect(diagnostics.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-topic-inherited-settings", "redpanda/orders"],
      ["kafka-cluster-min-brokers", "redpanda/main"],
    ]);
    expect(diagnostics[0]?.message).toContain(
      'spec.replicationFactor is not set on the topic, so it inherits the default "1" of the broker config of Redpanda "main" in this stack',
    );
    expect(diagnostics[1]?.message).toContain(
      'it has 2 brokers (spec.clusterSpec.statefulset.replicas and the replicas of NodePools "blue")',
    );
    expect(diagnostics.every((d) => d.enforcementLevel === "mandatory")).toBe(true);
    // The chart's 3 brokers get default_topic_replications 3: the same topic passes.
    const chartDefaults = redpanda("Redpanda", "main", {});
    expect(await pack.analyzeStack([chartDefaults, stack[2] as AnalyzedResource])).toEqual([]);
  });

  it("checks a Redpanda StretchCluster stack: brokers from the RedpandaBrokerPools naming it", async () => {
    await pack.configure({});
    const cluster = redpanda("StretchCluster", "stretch", { config: { cluster: { default_topic_replications: 3 } } });
    const pool = (name: string) =>
      redpanda("RedpandaBrokerPool", name, { clusterRef: { kind: "StretchCluster", name: "stretch" }, replicas: 1 });
    const topic = redpanda("Topic", "orders", {
      partitions: 3,
      cluster: { clusterRef: { kind: "StretchCluster", name: "stretch" } },
    });
    const diagnostics = await pack.analyzeStack([cluster, pool("a"), topic]);
    expect(diagnostics.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-cluster-min-brokers", "redpanda/stretch"],
      ["kafka-topic-replicas-within-brokers", "redpanda/orders"],
    ]);
    expect(diagnostics[0]?.message).toContain('it has 1 broker (the replicas of RedpandaBrokerPools "a")');
    expect(await pack.analyzeStack([cluster, pool("a"), pool("b"), pool("c"), topic])).toEqual([]);
  });

  it("checks a legacy Redpanda Cluster stack: topics inherit its properties, brokers from spec.replicas", async () => {
    await pack.configure({});
    const topic = redpanda("Topic", "orders", {
      partitions: 3,
      cluster: { clusterRef: { group: "redpanda.vectorized.io", kind: "Cluster", name: "legacy" } },
    });
    const diagnostics = await pack.analyzeStack([legacyCluster({ replicas: 1 }), topic]);
    expect(diagnostics.map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-topic-inherited-settings", "redpanda/orders"],
      ["kafka-cluster-min-brokers", "redpanda/legacy"],
    ]);
    expect(diagnostics[0]?.message).toContain(
      'it inherits the default "1" of the broker config of Redpanda Cluster "legacy" in this stack',
    );
    expect(await pack.analyzeStack([legacyCluster({ replicas: 3 }), topic])).toEqual([]);
  });

  it("passes a safe stack", async () => {
    await pack.configure({});
    const stack: AnalyzedResource[] = [
      strimzi("Kafka", "main", { kafka: { replicas: 3, config: SAFE_BROKERS } }),
      strimzi("KafkaTopic", "orders", { partitions: 3 }),
    ];
    expect(await pack.analyzeStack(stack)).toEqual([]);
  });
});

describe("the type tokens not in the cases above", () => {
  // Unsafe resources of each Strimzi kind kafkaguard reads, as they are declared under either API version.
  const strimziResources = (version: string): AnalyzedResource[] => [
    strimzi("Kafka", "main", { kafka: { config: { ...SAFE_BROKERS, "min.insync.replicas": 1 } } }, {}, version),
    strimzi("KafkaNodePool", "brokers", { replicas: 2, roles: ["broker"] }, {}, version),
    strimzi("KafkaTopic", "orders", { partitions: 3, replicas: 3 }, {}, version),
    strimzi("KafkaConnect", "connect", { config: { "producer.acks": 1 } }, {}, version),
    strimzi(
      "KafkaConnector",
      "source",
      { class: "FileStreamSource", config: { "producer.override.acks": "1" } },
      {},
      version,
    ),
    strimzi(
      "KafkaMirrorMaker2",
      "mirror",
      {
        targetCluster: { alias: "target", bootstrapServers: "target:9092", config: { "producer.acks": "1" } },
        mirrors: [{ sourceCluster: "source", sourceConnector: { config: { "replication.factor": 2 } } }],
      },
      {},
      version,
    ),
  ];

  it("reads Strimzi's kafka.strimzi.io/v1 resources as it reads v1beta2, one by one and as a stack", async () => {
    await pack.configure({});
    const [v1beta2, v1] = [strimziResources("v1beta2"), strimziResources("v1")];
    const oneByOne = async (resources: AnalyzedResource[]) =>
      Promise.all(resources.map(async (resource) => [resource.name, await policiesFlagging(resource)] as const));
    expect(await oneByOne(v1)).toEqual(await oneByOne(v1beta2));
    expect(await oneByOne(v1beta2)).toEqual([
      ["kafka/main", [["kafka-broker-min-insync-replicas", "mandatory"]]],
      ["kafka/brokers", []],
      ["kafka/orders", []],
      ["kafka/connect", [["kafka-connect-durable-producer", "mandatory"]]],
      ["kafka/source", [["kafka-connect-durable-producer", "mandatory"]]],
      [
        "kafka/mirror",
        [
          ["kafka-connect-durable-producer", "mandatory"],
          ["kafka-connect-internal-topics", "mandatory"],
        ],
      ],
    ]);
    const asStack = async (resources: AnalyzedResource[]) =>
      (await pack.analyzeStack(resources)).map((d) => [d.policyName, d.urn.split("::").at(-1)]);
    expect(await asStack(v1)).toEqual(await asStack(v1beta2));
    expect(await asStack(v1beta2)).toEqual([
      ["kafka-topic-inherited-settings", "kafka/orders"],
      ["kafka-cluster-min-brokers", "kafka/main"],
      ["kafka-topic-replicas-within-brokers", "kafka/orders"],
    ]);
  });

  it("checks the remaining kinds: @pulumi/kafka and Confluent Cloud topics, MSK clusters, Connect, Redpanda", async () => {
    await pack.configure({});
    const kafkaTopic: AnalyzedResource = {
      type: "kafka:index/topic:Topic",
      name: "orders",
      props: { name: "orders", partitions: 3, replicationFactor: 1, config: { "min.insync.replicas": "2" } },
      protect: true,
    };
    const mskCluster = (type: string, props: Record<string, unknown>): AnalyzedResource => ({
      type,
      name: "prod",
      props,
    });
    const confluentTopic: AnalyzedResource = {
      type: "confluentcloud:index/kafkaTopic:KafkaTopic",
      name: "payments",
      props: { topicName: "payments", kafkaCluster: { id: "lkc-1" }, config: { "min.insync.replicas": "1" } },
      protect: true,
    };
    const confluentConnector: AnalyzedResource = {
      type: "confluentcloud:index/connector:Connector",
      name: "sink",
      props: { configNonsensitive: { "connector.class": "S3_SINK", "producer.override.acks": "1" } },
    };
    expect(await policiesFlagging(kafkaTopic)).toEqual([
      ["kafka-topic-min-replication-factor", "mandatory"],
      ["kafka-topic-replicas-above-min-insync", "mandatory"],
    ]);
    // Clusters are judged in a stack (broker count, what their topics inherit); alone they carry no broker config.
    expect(await policiesFlagging(mskCluster("aws:msk/cluster:Cluster", { numberOfBrokerNodes: 2 }))).toEqual([]);
    expect(await policiesFlagging(mskCluster("aws-native:msk:Cluster", { numberOfBrokerNodes: 2 }))).toEqual([]);
    // In a stack: the topics of Confluent Cloud and Redpanda Cloud, whose platforms fix their replication, and the
    // connector are left to the resource policies; Redpanda's v1alpha1 kinds link as v1alpha2's do: one broker, so
    // the topic inherits default_topic_replications 1.
    const stack = [
      kafkaTopic,
      confluentTopic,
      confluentConnector,
      redpanda("Redpanda", "legacy-api", { clusterSpec: { statefulset: { replicas: 1 } } }, "v1alpha1"),
      redpanda("Topic", "events", { partitions: 3, cluster: { clusterRef: { name: "legacy-api" } } }, "v1alpha1"),
      {
        type: "redpanda:index/topic:Topic",
        name: "cloud-orders",
        props: { name: "cloud-orders", partitionCount: 3, replicationFactor: 1, allowDeletion: false },
        protect: true,
      },
    ];
    expect((await pack.analyzeStack(stack)).map((d) => [d.policyName, d.urn.split("::").at(-1)])).toEqual([
      ["kafka-topic-inherited-settings", "redpanda/events"],
      ["kafka-cluster-min-brokers", "redpanda/legacy-api"],
    ]);
  });
});

// Last in the file: the cases above run first, in order.
describe("coverage of the cases above", () => {
  it.each(["analyze", "analyzeStack"] as const)("sends every type token an adapter reads through %s", (method) => {
    const missing = [...READ_TYPES].filter((type) => !pack.analyzedTypes[method].has(type));
    expect(missing).toEqual([]);
  });
});
