import type { StackValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { exemptionNotice } from "../../policy-pack/policies/exemption-notice";
import { stackPolicies } from "../../policy-pack/policies/stack-policies";
import { type StackResourceUnderTest, UNKNOWN_NUMBER, UNKNOWN_OBJECT, runStackPolicy } from "./run-policy";

const INHERITED = "kafka-topic-inherited-settings";
const BROKERS = "kafka-cluster-min-brokers";
const WITHIN = "kafka-topic-replicas-within-brokers";
const BELOW = "kafka-topic-min-insync-below-brokers";

function policy(name: string): StackValidationPolicy {
  const found = stackPolicies.find((covered) => covered.policy.name === name)?.policy;
  if (found === undefined || !("validateStack" in found)) throw new Error(`no stack policy ${name}`);
  return found;
}

const SAFE_BROKERS = {
  "default.replication.factor": 3,
  "min.insync.replicas": 2,
  "unclean.leader.election.enable": false,
  "auto.create.topics.enable": false,
};

// Strimzi resources as a CustomResource (or a ConfigFile/ConfigGroup child) declares them.
function strimziKafka(options: {
  name?: string;
  replicas?: number;
  config?: Record<string, unknown>;
  nodePools?: boolean;
}): StackResourceUnderTest {
  const { name = "main", replicas, config, nodePools } = options;
  return {
    type: "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
    name: `kafka/${name}`,
    props: {
      apiVersion: "kafka.strimzi.io/v1beta2",
      kind: "Kafka",
      metadata: {
        name,
        namespace: "kafka",
        ...(nodePools ? { annotations: { "strimzi.io/node-pools": "enabled", "strimzi.io/kraft": "enabled" } } : {}),
      },
      spec: { kafka: { version: "3.9.0", ...(replicas === undefined ? {} : { replicas }), config, listeners: [] } },
    },
  };
}

function nodePool(name: string, roles: string[], replicas: unknown, namespace = "kafka"): StackResourceUnderTest {
  return {
    type: "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool",
    name: `${namespace}/${name}`,
    props: {
      apiVersion: "kafka.strimzi.io/v1beta2",
      kind: "KafkaNodePool",
      metadata: { name, namespace, labels: { "strimzi.io/cluster": "main" } },
      spec: { replicas, roles, storage: { type: "ephemeral" } },
    },
  };
}

function strimziTopic(name: string, spec: Record<string, unknown>, cluster = "main"): StackResourceUnderTest {
  return {
    type: "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic",
    name: `kafka/${name}`,
    props: {
      apiVersion: "kafka.strimzi.io/v1beta2",
      kind: "KafkaTopic",
      metadata: { name, namespace: "kafka", labels: { "strimzi.io/cluster": cluster } },
      spec: { partitions: 3, ...spec },
    },
  };
}

// An MSK cluster, its configuration and a @pulumi/kafka provider built from the cluster's bootstrap brokers.
function mskStack(brokers: unknown, serverProperties: string): StackResourceUnderTest[] {
  return [
    {
      type: "aws:msk/configuration:Configuration",
      name: "prod-config",
      props: { name: "prod", kafkaVersions: ["3.6.0"], serverProperties },
    },
    {
      type: "aws:msk/cluster:Cluster",
      name: "prod",
      props: {
        clusterName: "prod",
        kafkaVersion: "3.6.0",
        numberOfBrokerNodes: brokers,
        brokerNodeGroupInfo: { instanceType: "kafka.m5.large", clientSubnets: ["a", "b"], securityGroups: ["sg"] },
        configurationInfo: { arn: "arn:aws:kafka:config/prod", revision: 1 },
      },
      propertyDependencies: { configurationInfo: ["prod-config"] },
      dependsOn: ["prod-config"],
    },
    {
      type: "pulumi:providers:kafka",
      name: "prod-kafka",
      props: { bootstrapServers: '["b-1.prod:9098"]' },
      dependsOn: ["prod"],
      propertyDependencies: { bootstrapServers: ["prod"] },
    },
  ];
}

function kafkaTopic(name: string, props: Record<string, unknown>, provider?: string): StackResourceUnderTest {
  return {
    type: "kafka:index/topic:Topic",
    name,
    props: { name, partitions: 3, ...props },
    ...(provider ? { provider } : {}),
  };
}

async function findings(name: string, stack: StackResourceUnderTest[], config: object = {}) {
  const outcome = await runStackPolicy(policy(name), stack, config);
  if (outcome.kind !== "violations") throw new Error(`${name}: ${JSON.stringify(outcome)}`);
  return outcome.violations;
}

/** Each stack policy about a topic and its cluster finds these messages (their beginnings) in the stack, and no other. */
async function expectFindings(stack: StackResourceUnderTest[], expected: Record<string, string[]>): Promise<void> {
  for (const name of [INHERITED, BROKERS, WITHIN, BELOW]) {
    const messages = (await findings(name, stack)).map(({ message }) => message);
    const wanted = expected[name] ?? [];
    expect(messages, name).toHaveLength(wanted.length);
    messages.forEach((message, index) => expect(message.startsWith(wanted[index] ?? ""), message).toBe(true));
  }
}

describe("kafka-topic-inherited-settings (Strimzi topics against their Kafka cluster)", () => {
  it.each<[string, StackResourceUnderTest[], object, string[]]>([
    [
      "the cluster's safe broker defaults cover unset keys",
      [strimziKafka({ replicas: 3, config: SAFE_BROKERS }), strimziTopic("orders", {})],
      {},
      [],
    ],
    [
      "an unsafe broker default is inherited",
      [
        strimziKafka({ replicas: 3, config: { ...SAFE_BROKERS, "min.insync.replicas": 1 } }),
        strimziTopic("orders", { replicas: 3 }),
      ],
      {},
      [
        'Topic "orders": spec.config["min.insync.replicas"] is not set on the topic, so it inherits the default "1" of the broker config of Strimzi Kafka "main" in this stack, below the minimum of 2',
      ],
    ],
    [
      "unclean leader election on in the cluster",
      [
        strimziKafka({ replicas: 3, config: { ...SAFE_BROKERS, "unclean.leader.election.enable": true } }),
        strimziTopic("orders", {}),
      ],
      {},
      ['Topic "orders": spec.config["unclean.leader.election.enable"] is not set on the topic, so it inherits'],
    ],
    [
      "values the topic sets are left to the resource policies",
      [
        strimziKafka({ replicas: 3, config: {} }),
        strimziTopic("orders", { replicas: 1, config: { "min.insync.replicas": 1 } }),
      ],
      {},
      [],
    ],
    [
      "without the cluster in the stack, Kafka's defaults apply",
      [strimziTopic("orders", { replicas: 3 })],
      {},
      [
        'Topic "orders": spec.config["min.insync.replicas"] is not set on the topic, so it inherits Kafka\'s built-in default "1"',
      ],
    ],
    [
      "without the cluster in the stack, the configured clusterDefaults apply",
      [strimziTopic("orders", { replicas: 3 })],
      { clusterDefaults: { "min.insync.replicas": "2" } },
      [],
    ],
    [
      "the cluster's declared defaults win over the configured clusterDefaults",
      [strimziKafka({ replicas: 3, config: { "min.insync.replicas": 1 } }), strimziTopic("orders", { replicas: 3 })],
      { clusterDefaults: { "min.insync.replicas": "2" } },
      ['Topic "orders": spec.config["min.insync.replicas"] is not set on the topic, so it inherits the default "1"'],
    ],
    [
      "a topic of another cluster does not inherit from this one",
      [strimziKafka({ replicas: 3, config: SAFE_BROKERS }), strimziTopic("orders", { replicas: 3 }, "other")],
      {},
      ['Topic "orders": spec.config["min.insync.replicas"] is not set on the topic, so it inherits Kafka\'s built-in'],
    ],
    [
      "exempt topics are skipped",
      [strimziTopic("legacy-orders", {})],
      { exemptions: [{ pattern: "legacy-.*", reason: "moves to the new cluster in Q3" }] },
      [],
    ],
  ])("%s", async (_label, stack, config, expected) => {
    const found = await findings(INHERITED, stack, config);
    expect(found).toHaveLength(expected.length);
    found.forEach(({ message, resource }, index) => {
      expect(message.startsWith(expected[index] ?? "")).toBe(true);
      expect(message).toMatch(/ \[kafka-topic-[a-z-]+\]$/);
      expect(resource).toBe("kafka/orders");
    });
  });
});

// @pulumi/aiven KafkaArgs (kafkaUserConfig.kafka, typed fields) and KafkaTopicArgs (project, serviceName).
function aivenService(kafka: Record<string, unknown> | undefined, serviceName = "kafka-prod"): StackResourceUnderTest {
  return {
    type: "aiven:index/kafka:Kafka",
    name: serviceName,
    props: { project: "acme", serviceName, plan: "business-4", ...(kafka ? { kafkaUserConfig: { kafka } } : {}) },
  };
}

function aivenTopic(config: Record<string, unknown>, serviceName = "kafka-prod"): StackResourceUnderTest {
  return {
    type: "aiven:index/kafkaTopic:KafkaTopic",
    name: "orders",
    props: { project: "acme", serviceName, topicName: "orders", partitions: 3, replication: 3, config },
  };
}

describe("kafka-topic-inherited-settings (Aiven topics against their Kafka service)", () => {
  it.each<[string, StackResourceUnderTest[], string[]]>([
    ["the service sets min.insync.replicas 2", [aivenService({ minInsyncReplicas: 2 }), aivenTopic({})], []],
    [
      "the service leaves it at Aiven's default",
      [aivenService(undefined), aivenTopic({})],
      [
        'Topic "orders": config.minInsyncReplicas is not set on the topic, so it inherits the default "1" of the broker config of Aiven Kafka service "kafka-prod" in this stack, below the minimum of 2',
      ],
    ],
    [
      "a topic of another service does not inherit from this one",
      [aivenService({ minInsyncReplicas: 2 }), aivenTopic({}, "kafka-staging")],
      [
        'Topic "orders": config.minInsyncReplicas is not set on the topic, so it inherits Kafka\'s built-in default "1"',
      ],
    ],
    [
      "what the topic sets is left to the resource policies",
      [aivenService({}), aivenTopic({ minInsyncReplicas: "1" })],
      [],
    ],
  ])("%s", async (_label, stack, expected) => {
    const messages = (await findings(INHERITED, stack)).map(({ message }) => message);
    expect(messages).toHaveLength(expected.length);
    messages.forEach((message, index) => expect(message.startsWith(expected[index] ?? "")).toBe(true));
  });

  it("names the service's value as the origin", async () => {
    const [finding] = await findings(INHERITED, [aivenService({ minInsyncReplicas: 1 }), aivenTopic({})]);
    expect(finding?.message).toContain(
      'inherits the default "1" of the broker config of Aiven Kafka service "kafka-prod" in this stack',
    );
  });
});

// Confluent for Kubernetes (platform.confluent.io/v1beta1): Kafka spec.replicas and spec.configOverrides.server;
// KafkaTopic spec.kafkaClusterRef.
function cfkKafka(replicas: number, server: string[]): StackResourceUnderTest {
  return {
    type: "kubernetes:platform.confluent.io/v1beta1:Kafka",
    name: "confluent/kafka",
    props: { metadata: { name: "kafka", namespace: "confluent" }, spec: { replicas, configOverrides: { server } } },
  };
}

function cfkTopic(spec: Record<string, unknown>, cluster = "kafka"): StackResourceUnderTest {
  return {
    type: "kubernetes:platform.confluent.io/v1beta1:KafkaTopic",
    name: "confluent/orders",
    props: {
      metadata: { name: "orders", namespace: "confluent" },
      spec: { partitionCount: 3, kafkaClusterRef: { name: cluster }, ...spec },
    },
  };
}

describe("Confluent for Kubernetes topics against their Kafka", () => {
  const SAFE = ["default.replication.factor=3", "min.insync.replicas=2", "auto.create.topics.enable=false"];

  it.each<[string, StackResourceUnderTest[], Record<string, string[]>]>([
    ["a safe cluster and topic", [cfkKafka(3, SAFE), cfkTopic({ replicas: 3 })], {}],
    [
      "min.insync.replicas inherited from the cluster's configOverrides",
      [cfkKafka(3, ["min.insync.replicas=1"]), cfkTopic({ replicas: 3 })],
      {
        [INHERITED]: [
          'Topic "orders": spec.configs["min.insync.replicas"] is not set on the topic, so it inherits the default "1" of the broker config of Confluent for Kubernetes Kafka "kafka" in this stack',
        ],
      },
    ],
    [
      "more replicas than brokers",
      [cfkKafka(2, SAFE), cfkTopic({ replicas: 3 })],
      {
        [BROKERS]: ['Confluent for Kubernetes Kafka "kafka"'],
        [WITHIN]: [
          'Topic "orders": spec.replicas is 3, more than the 2 brokers of Confluent for Kubernetes Kafka "kafka"',
        ],
        [BELOW]: [
          'Topic "orders": spec.configs["min.insync.replicas"] is not set on the topic, so it inherits the default "2"',
        ],
      },
    ],
    [
      "a topic of another cluster is not linked to this one",
      [cfkKafka(2, SAFE), cfkTopic({ replicas: 3, configs: { "min.insync.replicas": "2" } }, "other")],
      { [BROKERS]: ['Confluent for Kubernetes Kafka "kafka"'] },
    ],
  ])("%s", async (_label, stack, expected) => {
    await expectFindings(stack, expected);
  });
});

// The Redpanda operator (cluster.redpanda.com): a Redpanda with its chart values in spec.clusterSpec, NodePools naming
// it in spec.clusterRef, and Topics naming it in spec.cluster.clusterRef.
function redpanda(clusterSpec: Record<string, unknown> = {}, name = "main"): StackResourceUnderTest {
  return {
    type: "kubernetes:cluster.redpanda.com/v1alpha2:Redpanda",
    name: `redpanda/${name}`,
    props: { metadata: { name, namespace: "redpanda" }, spec: { clusterSpec } },
  };
}

/** A NodePool or RedpandaBrokerPool of the given replicas (unset: the kind's default) for the cluster it names. */
function redpandaPool(
  kind: string,
  name: string,
  replicas: number | undefined,
  clusterRef: Record<string, string>,
): StackResourceUnderTest {
  return {
    type: `kubernetes:cluster.redpanda.com/v1alpha2:${kind}`,
    name: `redpanda/${name}`,
    props: {
      metadata: { name, namespace: "redpanda" },
      spec: { clusterRef, ...(replicas === undefined ? {} : { replicas }) },
    },
  };
}

function redpandaNodePool(name: string, replicas: number | undefined, cluster = "main"): StackResourceUnderTest {
  return redpandaPool("NodePool", name, replicas, { name: cluster });
}

function redpandaTopic(spec: Record<string, unknown>, namespace = "redpanda"): StackResourceUnderTest {
  return {
    type: "kubernetes:cluster.redpanda.com/v1alpha1:Topic",
    name: "redpanda/orders",
    props: {
      metadata: { name: "orders", namespace },
      spec: { partitions: 3, cluster: { clusterRef: { name: "main" } }, ...spec },
    },
  };
}

describe("Redpanda topics against their Redpanda", () => {
  const ONE_BROKER = { statefulset: { replicas: 1 } };

  it.each<[string, StackResourceUnderTest[], Record<string, string[]>]>([
    // The chart runs 3 brokers and sets default_topic_replications to 3 for them.
    ["the chart's defaults and a topic that sets nothing", [redpanda(), redpandaTopic({})], {}],
    [
      "one broker: the topic inherits Redpanda's default_topic_replications 1",
      [redpanda(ONE_BROKER), redpandaTopic({})],
      {
        [INHERITED]: [
          'Topic "orders": spec.replicationFactor is not set on the topic, so it inherits the default "1" of the broker config of Redpanda "main" in this stack, below the minimum of 3; set spec.replicationFactor to 3 or more so every committed message is stored on 3 brokers. [kafka-topic-min-replication-factor]',
        ],
        [BROKERS]: [
          'Redpanda "main": it has 1 broker (spec.clusterSpec.statefulset.replicas), fewer than the 3 that replication factor 3 needs, so no topic can keep 3 copies; set spec.clusterSpec.statefulset.replicas to 3 or more.',
        ],
      },
    ],
    [
      "without its Redpanda in the stack, the topic inherits Redpanda's built-in default 1",
      [redpandaTopic({})],
      {
        [INHERITED]: [
          'Topic "orders": spec.replicationFactor is not set on the topic, so it inherits Redpanda\'s built-in default "1"',
        ],
      },
    ],
    [
      "a default of 3 on one broker: the topic cannot be created",
      [redpanda({ ...ONE_BROKER, config: { cluster: { default_topic_replications: 3 } } }), redpandaTopic({})],
      {
        [BROKERS]: ['Redpanda "main": it has 1 broker'],
        [WITHIN]: [
          'Topic "orders": spec.replicationFactor is not set on the topic, so it inherits the default "3" of the broker config of Redpanda "main" in this stack, more than the 1 broker of Redpanda "main" (spec.clusterSpec.statefulset.replicas)',
        ],
      },
    ],
    [
      "min.insync.replicas and unclean leader election are ignored by Redpanda, inherited or set",
      [redpanda(), redpandaTopic({ replicationFactor: 3, additionalConfig: { "min.insync.replicas": "3" } })],
      {},
    ],
    [
      "a clusterRef with a namespace names a Redpanda there",
      [
        redpanda(ONE_BROKER),
        redpandaTopic({ cluster: { clusterRef: { name: "main", namespace: "redpanda" } } }, "apps"),
      ],
      {
        [INHERITED]: [
          'Topic "orders": spec.replicationFactor is not set on the topic, so it inherits the default "1" of',
        ],
        [BROKERS]: ['Redpanda "main": it has 1 broker'],
      },
    ],
    [
      "a topic in another namespace names another Redpanda",
      [redpanda(ONE_BROKER), redpandaTopic({ replicationFactor: 3 }, "apps")],
      { [BROKERS]: ['Redpanda "main": it has 1 broker'] },
    ],
    [
      "a topic that names its brokers by address is not linked",
      [
        redpanda(ONE_BROKER),
        redpandaTopic({
          cluster: undefined,
          kafkaApiSpec: { brokers: ["main-0.redpanda:9093"] },
          replicationFactor: 3,
        }),
      ],
      { [BROKERS]: ['Redpanda "main": it has 1 broker'] },
    ],
    [
      "NodePools naming the Redpanda add their brokers (3 unless set)",
      [
        redpanda({ statefulset: { replicas: 0 }, config: { cluster: { default_topic_replications: 3 } } }),
        redpandaNodePool("blue", undefined),
        redpandaTopic({}),
      ],
      {},
    ],
    [
      "NodePools of another Redpanda do not count",
      [
        redpanda({ statefulset: { replicas: 1 } }),
        redpandaNodePool("blue", 1),
        redpandaNodePool("other", 5, "other"),
        redpandaTopic({ replicationFactor: 3 }),
      ],
      {
        [BROKERS]: [
          'Redpanda "main": it has 2 brokers (spec.clusterSpec.statefulset.replicas and the replicas of NodePools "blue"), fewer than the 3 that replication factor 3 needs, so no topic can keep 3 copies; give Redpanda "main" 3 or more brokers across spec.clusterSpec.statefulset.replicas and its NodePools.',
        ],
        [WITHIN]: ['Topic "orders": spec.replicationFactor is 3, more than the 2 brokers of Redpanda "main"'],
      },
    ],
    [
      "no broker in its own StatefulSet: NodePools declared elsewhere are not guessed",
      [redpanda({ statefulset: { replicas: 0 }, config: { cluster: { default_topic_replications: 3 } } })],
      {},
    ],
  ])("%s", async (_label, stack, expected) => {
    await expectFindings(stack, expected);
  });
});

// The operator's StretchCluster, whose brokers are RedpandaBrokerPools (default 1 broker) naming it with kind
// StretchCluster, and the legacy operator's Cluster (redpanda.vectorized.io), whose brokers are spec.replicas and its
// spec.nodePools; Topics name either with a clusterRef of that group and kind.
function stretchCluster(config: Record<string, unknown> = {}): StackResourceUnderTest {
  return {
    type: "kubernetes:cluster.redpanda.com/v1alpha2:StretchCluster",
    name: "redpanda/stretch",
    props: { metadata: { name: "stretch", namespace: "redpanda" }, spec: { config: { cluster: config } } },
  };
}

function brokerPool(name: string, replicas: number | undefined, kind = "StretchCluster"): StackResourceUnderTest {
  return redpandaPool("RedpandaBrokerPool", name, replicas, { kind, name: "stretch" });
}

function legacyCluster(spec: Record<string, unknown>): StackResourceUnderTest {
  return {
    type: "kubernetes:redpanda.vectorized.io/v1alpha1:Cluster",
    name: "redpanda/legacy",
    props: { metadata: { name: "legacy", namespace: "redpanda" }, spec },
  };
}

const STRETCH_REF = {
  cluster: { clusterRef: { group: "cluster.redpanda.com", kind: "StretchCluster", name: "stretch" } },
};
const LEGACY_REF = { cluster: { clusterRef: { group: "redpanda.vectorized.io", kind: "Cluster", name: "legacy" } } };

describe("Redpanda topics against a StretchCluster or a legacy Cluster", () => {
  const RF3 = { default_topic_replications: 3 };

  it.each<[string, StackResourceUnderTest[], Record<string, string[]>]>([
    [
      "a StretchCluster with three pools of one broker",
      [
        stretchCluster(RF3),
        brokerPool("a", 1),
        brokerPool("b", undefined),
        brokerPool("c", 1),
        redpandaTopic(STRETCH_REF),
      ],
      {},
    ],
    [
      "a StretchCluster's pools in the stack count, 1 broker each unless set",
      [stretchCluster(RF3), brokerPool("a", undefined), redpandaTopic(STRETCH_REF)],
      {
        [BROKERS]: [
          'Redpanda StretchCluster "stretch": it has 1 broker (the replicas of RedpandaBrokerPools "a"), fewer than the 3 that replication factor 3 needs, so no topic can keep 3 copies; give Redpanda StretchCluster "stretch" 3 or more brokers across its RedpandaBrokerPools.',
        ],
        [WITHIN]: [
          'Topic "orders": spec.replicationFactor is not set on the topic, so it inherits the default "3" of the broker config of Redpanda StretchCluster "stretch" in this stack, more than the 1 broker of Redpanda StretchCluster "stretch"',
        ],
      },
    ],
    [
      "a StretchCluster without pools in the stack is not counted",
      [stretchCluster(RF3), redpandaTopic(STRETCH_REF)],
      {},
    ],
    [
      "a StretchCluster that leaves default_topic_replications unset gives its topics none",
      [stretchCluster(), brokerPool("a", 3), redpandaTopic(STRETCH_REF)],
      {
        [INHERITED]: [
          'Topic "orders": spec.replicationFactor is not set on the topic, so it inherits Redpanda\'s built-in default "1"',
        ],
      },
    ],
    [
      "pools naming a Redpanda of the same name are not the StretchCluster's",
      [
        stretchCluster(RF3),
        brokerPool("a", 1),
        brokerPool("b", 5, "Redpanda"),
        redpandaTopic({ ...STRETCH_REF, replicationFactor: 1 }),
      ],
      { [BROKERS]: ['Redpanda StretchCluster "stretch": it has 1 broker'] },
    ],
    [
      "a legacy Cluster of 3 replicas: the webhook's default 3",
      [legacyCluster({ replicas: 3 }), redpandaTopic(LEGACY_REF)],
      {},
    ],
    [
      "a legacy Cluster of 1 replica",
      [legacyCluster({ replicas: 1 }), redpandaTopic(LEGACY_REF)],
      {
        [INHERITED]: [
          'Topic "orders": spec.replicationFactor is not set on the topic, so it inherits the default "1" of the broker config of Redpanda Cluster "legacy" in this stack',
        ],
        [BROKERS]: [
          'Redpanda Cluster "legacy": it has 1 broker (spec.replicas), fewer than the 3 that replication factor 3 needs, so no topic can keep 3 copies; set spec.replicas to 3 or more.',
        ],
      },
    ],
    [
      "a legacy Cluster's nodePools add their brokers",
      [
        legacyCluster({
          replicas: 1,
          nodePools: [{ name: "blue", replicas: 1 }, { name: "green" }],
          clusterConfiguration: { default_topic_replications: { repr: "3" } },
        }),
        redpandaTopic(LEGACY_REF),
      ],
      {
        [BROKERS]: [
          'Redpanda Cluster "legacy": it has 2 brokers (spec.replicas and the replicas of spec.nodePools "blue", "green"), fewer than the 3 that replication factor 3 needs, so no topic can keep 3 copies; give Redpanda Cluster "legacy" 3 or more brokers across spec.replicas and its spec.nodePools.',
        ],
        [WITHIN]: ['Topic "orders": spec.replicationFactor is not set on the topic, so it inherits the default "3"'],
      },
    ],
    [
      "a topic naming the Redpanda kind is not linked to a legacy Cluster of that name",
      [
        legacyCluster({ replicas: 1 }),
        redpandaTopic({ cluster: { clusterRef: { name: "legacy" } }, replicationFactor: 3 }),
      ],
      { [BROKERS]: ['Redpanda Cluster "legacy": it has 1 broker'] },
    ],
  ])("%s", async (_label, stack, expected) => {
    await expectFindings(stack, expected);
  });
});

describe("unknown broker config", () => {
  it("skips the topics that would inherit from it instead of falling back to other defaults", async () => {
    const kafka = strimziKafka({ replicas: 3 });
    const spec = { kafka: { replicas: 3, config: UNKNOWN_OBJECT } };
    const stack = [{ ...kafka, props: { ...kafka.props, spec } }, strimziTopic("orders", {})];
    expect(await runStackPolicy(policy(INHERITED), stack)).toMatchObject({
      kind: "unknown-during-preview",
      violations: [],
    });
  });
});

describe("broker counts", () => {
  it.each<[string, StackResourceUnderTest[], Record<string, string[]>]>([
    ["MSK cluster with 3 brokers", mskStack(3, ""), {}],
    [
      "MSK cluster with 2 brokers",
      mskStack(2, ""),
      { prod: ['MSK cluster "prod": it has 2 brokers (numberOfBrokerNodes)'] },
    ],
    ["Strimzi Kafka with 3 replicas", [strimziKafka({ replicas: 3 })], {}],
    [
      "Strimzi Kafka with 1 replica",
      [strimziKafka({ replicas: 1 })],
      { "kafka/main": ["it has 1 broker (spec.kafka.replicas)"] },
    ],
    [
      "Strimzi node pools: only broker-role pools of the cluster count",
      [
        strimziKafka({ replicas: 3, nodePools: true }),
        nodePool("controllers", ["controller"], 3),
        nodePool("brokers", ["broker"], 2),
        nodePool("elsewhere", ["broker"], 5, "other-namespace"),
      ],
      { "kafka/main": ['it has 2 brokers (replicas of broker-role KafkaNodePools "brokers")'] },
    ],
    [
      "Strimzi node pools: dual-role pools are summed",
      [strimziKafka({ nodePools: true }), nodePool("a", ["controller", "broker"], 2), nodePool("b", ["broker"], 1)],
      {},
    ],
    ["Strimzi node pools declared elsewhere are not guessed", [strimziKafka({ nodePools: true })], {}],
  ])("%s", async (_label, stack, expected) => {
    const found = await findings(BROKERS, stack);
    const byResource: Record<string, string[]> = {};
    for (const { message, resource } of found) (byResource[resource ?? "?"] ??= []).push(message);
    expect(Object.keys(byResource)).toEqual(Object.keys(expected));
    for (const [resource, fragments] of Object.entries(expected)) {
      expect(byResource[resource]?.[0]).toContain(fragments[0]);
    }
  });
});

describe("topics against the brokers of their cluster", () => {
  const MSK_SAFE = "default.replication.factor=3\nmin.insync.replicas=2\nunclean.leader.election.enable=false\n";

  it.each<[string, StackResourceUnderTest[], string[], string[]]>([
    [
      "a @pulumi/kafka topic reaches its MSK cluster through its provider",
      [
        ...mskStack(2, MSK_SAFE),
        kafkaTopic("orders", { replicationFactor: 3, config: { "min.insync.replicas": "2" } }, "prod-kafka"),
      ],
      ['Topic "orders": replicationFactor is 3, more than the 2 brokers of MSK cluster "prod"'],
      ['Topic "orders": min.insync.replicas is "2", equal to the 2 brokers of MSK cluster "prod"'],
    ],
    [
      "an aws.msk.Topic reaches its MSK cluster through clusterArn",
      [
        ...mskStack(2, MSK_SAFE),
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
      ],
      ['Topic "orders": replicationFactor is 3, more than the 2 brokers of MSK cluster "prod"'],
      ['Topic "orders": configs["min.insync.replicas"] is "2", equal to the 2 brokers of MSK cluster "prod"'],
    ],
    [
      "an unset replication factor inherits the MSK configuration's default",
      [...mskStack(2, MSK_SAFE), kafkaTopic("orders", { config: { "min.insync.replicas": "1" } }, "prod-kafka")],
      [
        'Topic "orders": replicationFactor is not set on the topic, so it inherits the default "3" of the broker config of MSK cluster "prod" in this stack, more than the 2 brokers',
      ],
      [],
    ],
    [
      "min ISR equal to the broker count blocks writes on a restart",
      [
        ...mskStack(3, MSK_SAFE),
        kafkaTopic("orders", { replicationFactor: 3, config: { "min.insync.replicas": "3" } }, "prod-kafka"),
      ],
      [],
      [
        'Topic "orders": min.insync.replicas is "3", equal to the 3 brokers of MSK cluster "prod" (numberOfBrokerNodes), so any broker restart',
      ],
    ],
    [
      "a topic on the default provider is not linked to a cluster",
      [...mskStack(1, MSK_SAFE), kafkaTopic("orders", { replicationFactor: 3 })],
      [],
      [],
    ],
    [
      "Strimzi topics count the broker node pools of their cluster",
      [
        strimziKafka({ nodePools: true, config: SAFE_BROKERS }),
        nodePool("brokers", ["broker"], 2),
        strimziTopic("orders", { replicas: 3 }),
      ],
      ['Topic "orders": spec.replicas is 3, more than the 2 brokers of Strimzi Kafka "main"'],
      [
        'Topic "orders": spec.config["min.insync.replicas"] is not set on the topic, so it inherits the default "2" of the broker config of Strimzi Kafka "main" in this stack, equal to the 2 brokers',
      ],
    ],
    ["a safe Strimzi stack", [strimziKafka({ replicas: 3, config: SAFE_BROKERS }), strimziTopic("orders", {})], [], []],
  ])("%s", async (_label, stack, within, below) => {
    for (const [name, expected] of [
      [WITHIN, within],
      [BELOW, below],
    ] as const) {
      const messages = (await findings(name, stack)).map(({ message }) => message);
      expect(messages).toHaveLength(expected.length);
      messages.forEach((message, index) => expect(message.startsWith(expected[index] ?? "")).toBe(true));
    }
  });

  it("finds the MSK configuration by ARN when no dependency names it", async () => {
    const [configuration, cluster, provider] = mskStack(2, "default.replication.factor=3\n") as [
      StackResourceUnderTest,
      StackResourceUnderTest,
      StackResourceUnderTest,
    ];
    const stack = [
      { ...configuration, props: { ...configuration.props, arn: "arn:aws:kafka:config/prod" } },
      { ...cluster, dependsOn: [], propertyDependencies: {} },
      provider,
      kafkaTopic("orders", {}, "prod-kafka"),
    ];
    expect((await findings(WITHIN, stack)).map((f) => f.message)).toEqual([
      expect.stringContaining('inherits the default "3" of the broker config of MSK cluster "prod" in this stack'),
    ]);
  });

  it("on Express brokers, MSK's fixed replication factor 3 and min.insync.replicas 2 replace the configuration's", async () => {
    const onInstances = (instanceType: string) =>
      mskStack(2, "default.replication.factor=2\nmin.insync.replicas=1\n").map((resource) =>
        resource.type === "aws:msk/cluster:Cluster"
          ? {
              ...resource,
              props: { ...resource.props, brokerNodeGroupInfo: { instanceType, clientSubnets: ["a", "b"] } },
            }
          : resource,
      );
    const topic = kafkaTopic("orders", {}, "prod-kafka");
    expect((await findings(WITHIN, [...onInstances("express.m7g.large"), topic])).map((f) => f.message)).toEqual([
      expect.stringContaining('inherits the default "3" of the broker config of MSK cluster "prod" in this stack'),
    ]);
    expect((await findings(BELOW, [...onInstances("express.m7g.large"), topic])).map((f) => f.message)).toEqual([
      expect.stringContaining('inherits the default "2" of the broker config of MSK cluster "prod" in this stack'),
    ]);
    // Standard brokers keep what the configuration says: replication factor 2 fits 2 brokers, min ISR 1 is below.
    expect(await findings(WITHIN, [...onInstances("kafka.m7g.large"), topic])).toEqual([]);
    expect(await findings(BELOW, [...onInstances("kafka.m7g.large"), topic])).toEqual([]);
  });

  it("an unknown broker count skips only that cluster and is reported as unknown", async () => {
    const stack = [...mskStack(UNKNOWN_NUMBER, ""), strimziKafka({ replicas: 1 })];
    const outcome = await runStackPolicy(policy(BROKERS), stack);
    expect(outcome.kind).toBe("unknown-during-preview");
    expect(outcome.violations.map((v) => v.resource)).toEqual(["kafka/main"]);
  });
});

describe("exemptions applied by stack policies", () => {
  it("are reported by the exemption notice, like those of resource policies", async () => {
    const exemptions = [{ pattern: "legacy-.*", reason: "moves to the new cluster in Q3" }];
    const stack = [strimziKafka({ replicas: 2 }), strimziTopic("legacy-orders", { replicas: 3 })];
    expect(await findings(INHERITED, stack, { exemptions })).toEqual([]);
    expect(await findings(WITHIN, stack, { exemptions })).toEqual([]);
    const notice = await runStackPolicy(exemptionNotice, stack);
    expect(notice).toEqual({
      kind: "violations",
      violations: [
        {
          resource: "kafka/legacy-orders",
          message: `Topic resource "kafka/legacy-orders" is exempt from ${INHERITED}, ${WITHIN} (pattern "legacy-.*"): moves to the new cluster in Q3`,
        },
      ],
    });
  });

  it("refuse a key the policy does not read, naming both", async () => {
    await expect(runStackPolicy(policy(BROKERS), [], { exemptions: [] })).rejects.toThrow(
      /^kafka-cluster-min-brokers does not read "exemptions"; it accepts enforcementLevel, minReplicationFactor$/,
    );
  });
});
