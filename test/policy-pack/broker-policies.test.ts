import { describe, expect, it } from "vitest";
import { brokerPolicies } from "../../policy-pack/policies/broker-policies";
import { type ResourceUnderTest, UNKNOWN_STRING, customResource, runPolicy } from "./run-policy";

const RF = "kafka-broker-default-replication-factor";
const ISR = "kafka-broker-min-insync-replicas";
const UNCLEAN = "kafka-broker-no-unclean-leader-election";
const AUTO = "kafka-broker-no-auto-create-topics";

// @pulumi/aws msk.ConfigurationArgs: serverProperties is the text of server.properties.
function mskConfiguration(serverProperties: unknown): ResourceUnderTest {
  return {
    type: "aws:msk/configuration:Configuration",
    name: "prod-config",
    props: { name: "prod", kafkaVersions: ["3.6.0"], serverProperties },
  };
}

// Strimzi Kafka: broker config in spec.kafka.config, with typed YAML values.
function strimziKafka(config: Record<string, unknown> | undefined, version = "v1beta2"): ResourceUnderTest {
  return {
    type: `kubernetes:kafka.strimzi.io/${version}:Kafka`,
    name: "kafka/main",
    props: {
      apiVersion: `kafka.strimzi.io/${version}`,
      kind: "Kafka",
      metadata: { name: "main", namespace: "kafka" },
      spec: {
        kafka: {
          version: "3.9.0",
          replicas: 3,
          listeners: [{ name: "tls", port: 9093, type: "internal", tls: true }],
          ...(config ? { config } : {}),
          storage: { type: "ephemeral" },
        },
        entityOperator: { topicOperator: {}, userOperator: {} },
      },
    },
  };
}

const SAFE_PROPERTIES = [
  "# Durable broker defaults",
  "auto.create.topics.enable=false",
  "default.replication.factor=3",
  "min.insync.replicas=2",
  "unclean.leader.election.enable=false",
  "# Kafka's internal topics: committed offsets and transaction state",
  "offsets.topic.replication.factor=3",
  "transaction.state.log.replication.factor=3",
  "transaction.state.log.min.isr=2",
  "",
].join("\n");

const INTERNAL = "kafka-broker-internal-topics";

const SAFE_CONFIG = {
  "auto.create.topics.enable": false,
  "default.replication.factor": 3,
  "min.insync.replicas": 2,
  "unclean.leader.election.enable": false,
};

async function violations(resource: ResourceUnderTest): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const { policy } of brokerPolicies) {
    if (!("validateResource" in policy)) continue;
    const outcome = await runPolicy(policy, resource);
    if (outcome.kind !== "violations") throw new Error(`${policy.name}: ${JSON.stringify(outcome)}`);
    if (outcome.messages.length > 0) found[policy.name] = outcome.messages;
  }
  return found;
}

describe("broker default policies", () => {
  it.each<[string, ResourceUnderTest, string[]]>([
    ["MSK: safe", mskConfiguration(SAFE_PROPERTIES), []],
    [
      "MSK: separators, comments and continuations as Java reads them",
      mskConfiguration(
        "! comment\nauto.create.topics.enable : false\r\ndefault.replication.factor   3\nmin.insync.\\\n    replicas=2\nunclean.leader.election.enable=\\\n  false\noffsets.topic.replication.factor=3\ntransaction.state.log.replication.factor 3\ntransaction.state.log.min.isr:2",
      ),
      [],
    ],
    ["MSK: nothing set (MSK's default turns auto-creation off)", mskConfiguration(""), [RF, ISR, UNCLEAN, INTERNAL]],
    [
      "MSK: a commented-out key is not set",
      mskConfiguration(SAFE_PROPERTIES.replace("min.insync.replicas=2", "#min.insync.replicas=2")),
      [ISR],
    ],
    [
      "MSK: unsafe values",
      mskConfiguration("default.replication.factor=2\nmin.insync.replicas=1\n"),
      [RF, ISR, UNCLEAN, INTERNAL],
    ],
    ["MSK: auto-creation on", mskConfiguration(`${SAFE_PROPERTIES}auto.create.topics.enable=true\n`), [AUTO]],
    ["MSK: unreadable text", mskConfiguration("min.insync.replicas=\\u00zz"), [RF, ISR, UNCLEAN, AUTO, INTERNAL]],
    [
      "MSK: internal topics on fewer replicas",
      mskConfiguration(
        SAFE_PROPERTIES.replace("offsets.topic.replication.factor=3", "offsets.topic.replication.factor=1"),
      ),
      [INTERNAL],
    ],
    [
      "Strimzi: transaction log min ISR 1",
      strimziKafka({ ...SAFE_CONFIG, "transaction.state.log.min.isr": 1 }),
      [INTERNAL],
    ],
    ["Strimzi: safe", strimziKafka(SAFE_CONFIG), []],
    ["Strimzi v1: safe", strimziKafka(SAFE_CONFIG, "v1"), []],
    ["Strimzi: no config means Kafka's defaults", strimziKafka(undefined), [RF, ISR, AUTO]],
    ["Strimzi: unclean on", strimziKafka({ ...SAFE_CONFIG, "unclean.leader.election.enable": "true" }), [UNCLEAN]],
    // @pulumi/aws-native msk.ConfigurationArgs: the same serverProperties text.
    [
      "MSK through Cloud Control: min.insync.replicas 1",
      {
        ...mskConfiguration(SAFE_PROPERTIES.replace("min.insync.replicas=2", "min.insync.replicas=1")),
        type: "aws-native:msk:Configuration",
      },
      [ISR],
    ],
    // @pulumi/aiven KafkaArgs: kafkaUserConfig.kafka with typed fields; Aiven's defaults: RF 3, min ISR 1, no auto-creation.
    [
      "Aiven service: safe",
      {
        type: "aiven:index/kafka:Kafka",
        props: { serviceName: "kafka-prod", kafkaUserConfig: { kafka: { minInsyncReplicas: 2 } } },
      },
      [],
    ],
    [
      "Aiven service: nothing set (Aiven's min.insync.replicas default is 1)",
      { type: "aiven:index/kafka:Kafka", props: { serviceName: "kafka-prod" } },
      [ISR],
    ],
    [
      "Aiven service: auto-creation on, replication factor 2",
      {
        type: "aiven:index/kafka:Kafka",
        props: {
          kafkaUserConfig: {
            kafka: { minInsyncReplicas: 2, autoCreateTopicsEnable: true, defaultReplicationFactor: 2 },
          },
        },
      },
      [RF, AUTO],
    ],
    [
      "Confluent for Kubernetes: configOverrides.server",
      {
        type: "kubernetes:platform.confluent.io/v1beta1:Kafka",
        props: {
          metadata: { name: "kafka" },
          spec: { replicas: 3, configOverrides: { server: ["default.replication.factor=3", "min.insync.replicas=1"] } },
        },
      },
      [ISR, AUTO],
    ],
    [
      "MSK through Cloud Control: safe",
      { ...mskConfiguration(SAFE_PROPERTIES), type: "aws-native:msk:Configuration" },
      [],
    ],
  ])("%s", async (_label, resource, expected) => {
    expect(Object.keys(await violations(resource))).toEqual(expected);
  });

  it.each<[string, ResourceUnderTest, string, string]>([
    [
      "MSK",
      mskConfiguration("min.insync.replicas=1"),
      ISR,
      'MSK configuration "prod": min.insync.replicas is "1", below the minimum of 2, so topics that do not set it acknowledge acks=all writes stored on fewer than 2 brokers; set the line "min.insync.replicas=2" in serverProperties.',
    ],
    [
      "MSK, unset",
      mskConfiguration(""),
      RF,
      'MSK configuration "prod": default.replication.factor is not set, so MSK picks it from the cluster\'s Availability Zone count (2 for a cluster in 2 zones); set the line "default.replication.factor=3" in serverProperties.',
    ],
    [
      "Strimzi",
      strimziKafka({ ...SAFE_CONFIG, "auto.create.topics.enable": undefined }),
      AUTO,
      'Strimzi Kafka "main": auto.create.topics.enable is not set, so the brokers use Kafka\'s built-in default "true", and a producer or consumer that names a missing topic creates it with the broker defaults, outside every topic guard; set spec.kafka.config["auto.create.topics.enable"] to false.',
    ],
    [
      "Aiven service",
      { type: "aiven:index/kafka:Kafka", props: { serviceName: "kafka-prod" } },
      ISR,
      'Aiven Kafka service "kafka-prod": min.insync.replicas is not set, so the brokers use Aiven\'s default "1", below the minimum of 2, so topics that do not set it acknowledge acks=all writes stored on fewer than 2 brokers; set kafkaUserConfig.kafka.minInsyncReplicas to 2.',
    ],
  ])("messages say what to change: %s", async (_label, resource, policy, message) => {
    expect((await violations(resource))[policy]).toEqual([message]);
  });

  it("apply the thresholds of the shared settings block", async () => {
    const [first] = brokerPolicies;
    if (first === undefined || !("validateResource" in first.policy)) throw new Error("no broker policy");
    const outcome = await runPolicy(first.policy, {
      ...strimziKafka(SAFE_CONFIG),
      config: { minReplicationFactor: 5 },
    });
    expect(outcome).toMatchObject({ messages: [expect.stringContaining("below the minimum of 5")] });
  });

  it("do not apply to topics, and report unknown text as unknown", async () => {
    const [first] = brokerPolicies;
    if (first === undefined || !("validateResource" in first.policy)) throw new Error("no broker policy");
    expect(await runPolicy(first.policy, { type: "kafka:index/topic:Topic", props: {} })).toMatchObject({
      kind: "not-applicable",
    });
    expect(await runPolicy(first.policy, mskConfiguration(UNKNOWN_STRING))).toMatchObject({
      kind: "unknown-during-preview",
    });
  });
});

// The Redpanda operator's Redpanda (cluster.redpanda.com): Helm chart values in spec.clusterSpec, cluster properties in
// spec.clusterSpec.config.cluster, brokers in spec.clusterSpec.statefulset.replicas (the chart's default 3).
function redpandaCluster(clusterSpec: Record<string, unknown> | undefined, version = "v1alpha2"): ResourceUnderTest {
  const spec = { chartRef: {}, ...(clusterSpec === undefined ? {} : { clusterSpec }) };
  return customResource(`cluster.redpanda.com/${version}`, "Redpanda", { name: "main", namespace: "redpanda" }, spec);
}

/** The policies that report on a resource, and those not applicable to it, with their reason. */
async function outcomes(resource: ResourceUnderTest) {
  const found: Record<string, string[]> = {};
  const notApplicable: Record<string, string> = {};
  for (const { policy } of brokerPolicies) {
    if (!("validateResource" in policy)) continue;
    const outcome = await runPolicy(policy, resource);
    if (outcome.kind === "not-applicable") notApplicable[policy.name] = outcome.reason;
    else if (outcome.kind === "violations" && outcome.messages.length > 0) found[policy.name] = outcome.messages;
    else if (outcome.kind !== "violations") throw new Error(`${policy.name}: ${JSON.stringify(outcome)}`);
  }
  return { found, notApplicable };
}

// The operator's StretchCluster (cluster.redpanda.com/v1alpha2, stretch_cluster_types.go): cluster properties in
// spec.config.cluster; its brokers are in RedpandaBrokerPools, which one resource does not show.
function stretchCluster(config: unknown): ResourceUnderTest {
  const spec = config === undefined ? {} : { config: { cluster: config } };
  return customResource(
    "cluster.redpanda.com/v1alpha2",
    "StretchCluster",
    { name: "main", namespace: "redpanda" },
    spec,
  );
}

// The legacy operator's Cluster (redpanda.vectorized.io/v1alpha1, cluster_types.go): spec.replicas,
// spec.configuration.autoCreateTopics, spec.additionalConfiguration ("redpanda."-prefixed YAML strings) and
// spec.clusterConfiguration ({repr} values), a later one winning.
function legacyCluster(spec: Record<string, unknown>): ResourceUnderTest {
  return customResource("redpanda.vectorized.io/v1alpha1", "Cluster", { name: "legacy", namespace: "redpanda" }, spec);
}

describe("broker default policies on a Redpanda cluster", () => {
  it.each<[string, ResourceUnderTest, string[]]>([
    // The chart runs 3 brokers and, with 3 or more, sets default_topic_replications to 3.
    ["nothing set: the chart's 3 brokers and Redpanda's defaults", redpandaCluster(undefined), []],
    ["v1alpha1: nothing set", redpandaCluster(undefined, "v1alpha1"), []],
    ["1 broker: Redpanda's default_topic_replications 1", redpandaCluster({ statefulset: { replicas: 1 } }), [RF]],
    [
      "default_topic_replications 1 set on 3 brokers",
      redpandaCluster({ config: { cluster: { default_topic_replications: 1 } } }),
      [RF],
    ],
    [
      "default_topic_replications 3 set on 1 broker",
      redpandaCluster({ statefulset: { replicas: 1 }, config: { cluster: { default_topic_replications: 3 } } }),
      [],
    ],
    ["auto-creation on", redpandaCluster({ config: { cluster: { auto_create_topics_enabled: true } } }), [AUTO]],
    [
      "internal topics on 1 replica",
      redpandaCluster({ config: { cluster: { internal_topic_replication_factor: 1 } } }),
      [INTERNAL],
    ],
    ["cluster properties that are not a map", redpandaCluster({ config: { cluster: "a=b" } }), [RF, AUTO, INTERNAL]],
  ])("%s", async (_label, resource, expected) => {
    const { found, notApplicable } = await outcomes(resource);
    expect(Object.keys(found)).toEqual(expected);
    expect(Object.keys(notApplicable)).toEqual([ISR, UNCLEAN]);
  });

  it.each<[string, ResourceUnderTest, string, string]>([
    [
      "Redpanda's own default on fewer than 3 brokers",
      redpandaCluster({ statefulset: { replicas: 1 } }),
      RF,
      'Redpanda "main": default_topic_replications is not set, so the brokers use Redpanda\'s default "1", below the minimum of 3, so topics that do not set a replication factor keep fewer than 3 copies; set spec.clusterSpec.config.cluster.default_topic_replications to 3.',
    ],
    [
      "the internal topics' property",
      redpandaCluster({ config: { cluster: { internal_topic_replication_factor: 1 } } }),
      INTERNAL,
      'Redpanda "main": internal_topic_replication_factor is 1, below the minimum of 3, so the offsets topic keeps every group\'s committed offsets on fewer than 3 brokers (a commit is only as durable as that topic); set spec.clusterSpec.config.cluster.internal_topic_replication_factor to 3.',
    ],
    [
      "cluster properties that are not a map",
      redpandaCluster({ config: { cluster: "a=b" } }),
      AUTO,
      'Redpanda "main": auto_create_topics_enabled is malformed (spec.clusterSpec.config.cluster is "a=b", not a key/value map); set spec.clusterSpec.config.cluster.auto_create_topics_enabled to false.',
    ],
    [
      "a StretchCluster's default_topic_replications depends on pools it does not show",
      stretchCluster(undefined),
      RF,
      'Redpanda StretchCluster "main": default_topic_replications is not set, so the operator writes 3 only when the RedpandaBrokerPools of all member clusters hold 3 or more brokers together, and Redpanda\'s own default is 1; set spec.config.cluster.default_topic_replications to 3.',
    ],
    [
      "a legacy Cluster is fixed in spec.clusterConfiguration",
      legacyCluster({ replicas: 3, additionalConfiguration: { "redpanda.default_topic_replications": "1" } }),
      RF,
      'Redpanda Cluster "legacy": default_topic_replications is "1", below the minimum of 3, so topics that do not set a replication factor keep fewer than 3 copies; set spec.clusterConfiguration.default_topic_replications to {repr: "3"}.',
    ],
  ])("messages name Redpanda's cluster property: %s", async (_label, resource, policy, message) => {
    expect((await outcomes(resource)).found[policy]).toEqual([message]);
  });

  it("says why min.insync.replicas and unclean leader election do not apply", async () => {
    expect((await outcomes(redpandaCluster(undefined))).notApplicable).toEqual({
      [ISR]:
        "Redpanda cluster (@pulumi/kubernetes): Redpanda has no min.insync.replicas: an acks=all write waits for a Raft majority of the replicas, so the replication factor decides",
      [UNCLEAN]:
        "Redpanda cluster (@pulumi/kubernetes): Redpanda has no unclean leader election: Raft elects only a replica that holds every acknowledged write",
    });
  });

  it("a stricter min.insync.replicas threshold does not reach Redpanda's transaction state", async () => {
    const internal = brokerPolicies.find(({ policy }) => policy.name === INTERNAL)?.policy;
    if (internal === undefined || !("validateResource" in internal)) throw new Error("no internal-topics policy");
    const resource = { ...redpandaCluster(undefined), config: { minInsyncReplicas: 3 } };
    expect(await runPolicy(internal, resource)).toEqual({ kind: "violations", messages: [] });
  });
});

describe("broker default policies on a Redpanda StretchCluster and a legacy Cluster", () => {
  const SET = { default_topic_replications: 3 };
  it.each<[string, ResourceUnderTest, string[]]>([
    ["StretchCluster: default_topic_replications unset, its pools not shown", stretchCluster(undefined), [RF]],
    ["StretchCluster: default_topic_replications 3", stretchCluster(SET), []],
    ["StretchCluster: default_topic_replications 1", stretchCluster({ default_topic_replications: 1 }), [RF]],
    ["StretchCluster: auto-creation on", stretchCluster({ ...SET, auto_create_topics_enabled: true }), [AUTO]],
    [
      "StretchCluster: internal topics on 1 replica",
      stretchCluster({ ...SET, internal_topic_replication_factor: 1 }),
      [INTERNAL],
    ],
    ["StretchCluster: cluster properties that are not a map", stretchCluster("a=b"), [RF, AUTO, INTERNAL]],
    ["Cluster: 3 replicas, the webhook's defaults", legacyCluster({ replicas: 3 }), []],
    ["Cluster: 1 replica, Redpanda's default_topic_replications 1", legacyCluster({ replicas: 1 }), [RF]],
    ["Cluster: no replicas, only node pools", legacyCluster({ nodePools: [{ name: "blue", replicas: 3 }] }), [RF]],
    ["Cluster: autoCreateTopics on", legacyCluster({ replicas: 3, configuration: { autoCreateTopics: true } }), [AUTO]],
    [
      "Cluster: additionalConfiguration writes the properties",
      legacyCluster({
        replicas: 3,
        additionalConfiguration: {
          "redpanda.default_topic_replications": "1",
          "redpanda.internal_topic_replication_factor": "1",
          "redpanda.auto_create_topics_enabled": "true",
        },
      }),
      [RF, AUTO, INTERNAL],
    ],
    [
      "Cluster: clusterConfiguration wins over additionalConfiguration and autoCreateTopics",
      legacyCluster({
        replicas: 1,
        configuration: { autoCreateTopics: true },
        additionalConfiguration: { "redpanda.default_topic_replications": "1" },
        clusterConfiguration: {
          default_topic_replications: { repr: "3" },
          auto_create_topics_enabled: { repr: "false" },
        },
      }),
      [],
    ],
    [
      "Cluster: a clusterConfiguration value from a Secret is not read",
      legacyCluster({
        replicas: 3,
        clusterConfiguration: { default_topic_replications: { secretKeyRef: { name: "config", key: "rf" } } },
      }),
      [],
    ],
    [
      "Cluster: additionalConfiguration that is not a map",
      legacyCluster({ additionalConfiguration: "x" }),
      [RF, AUTO, INTERNAL],
    ],
  ])("%s", async (_label, resource, expected) => {
    const { found, notApplicable } = await outcomes(resource);
    expect(Object.keys(found)).toEqual(expected);
    expect(Object.keys(notApplicable)).toEqual([ISR, UNCLEAN]);
  });

  it("says why min.insync.replicas does not apply to a StretchCluster or a legacy Cluster", async () => {
    const reason = "Redpanda has no min.insync.replicas: an acks=all write waits for a Raft majority of the replicas";
    expect((await outcomes(stretchCluster(undefined))).notApplicable[ISR]).toContain(
      `Redpanda StretchCluster (@pulumi/kubernetes): ${reason}`,
    );
    expect((await outcomes(legacyCluster({ replicas: 3 }))).notApplicable[ISR]).toContain(
      `Redpanda legacy Cluster (@pulumi/kubernetes): ${reason}`,
    );
  });
});
