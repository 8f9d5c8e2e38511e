import { describe, expect, it } from "vitest";
import { coverage, coverageByResourceKind } from "../../policy-pack/coverage";
import { policies } from "../../policy-pack/policies";
import { BROKER_CONFIG_SHAPES, PRODUCER_CONFIG_SHAPES, TOPIC_RESOURCE_SHAPES } from "../../policy-pack/platforms";
import { PACK_POLICY_NAMES } from "./pack-policy-names";
import { runPolicy } from "./run-policy";

/** Topics whose platform acts on min.insync.replicas and unclean leader election (all but Redpanda's). */
const KAFKA_TOPIC_TYPES = [
  "kafka:index/topic:Topic",
  "aws:msk/topic:Topic",
  "aws-native:msk:Topic",
  "aiven:index/kafkaTopic:KafkaTopic",
  "confluentcloud:index/kafkaTopic:KafkaTopic",
  "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic",
  "kubernetes:kafka.strimzi.io/v1:KafkaTopic",
  "kubernetes:platform.confluent.io/v1beta1:KafkaTopic",
];
const REDPANDA_OPERATOR_TOPIC_TYPES = [
  "kubernetes:cluster.redpanda.com/v1alpha1:Topic",
  "kubernetes:cluster.redpanda.com/v1alpha2:Topic",
];
const ALL_TOPIC_TYPES = [...KAFKA_TOPIC_TYPES, ...REDPANDA_OPERATOR_TOPIC_TYPES, "redpanda:index/topic:Topic"];
/** Topics a stack links to a cluster whose brokers it counts: Aiven's plan and Confluent Cloud decide theirs. */
const LINKED_TOPIC_TYPES = KAFKA_TOPIC_TYPES.filter((type) => !/^(aiven|confluentcloud):/.test(type));
/** What the stack policies read for those topics' clusters. */
const LINKED_CLUSTER_TYPES = [
  "aws:msk/cluster:Cluster",
  "aws:msk/configuration:Configuration",
  "aws-native:msk:Cluster",
  "aws-native:msk:Configuration",
  "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
  "kubernetes:kafka.strimzi.io/v1:Kafka",
  "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool",
  "kubernetes:kafka.strimzi.io/v1:KafkaNodePool",
  "kubernetes:platform.confluent.io/v1beta1:Kafka",
];
/** Broker configurations whose platform has min.insync.replicas and unclean leader election (all but Redpanda's). */
const KAFKA_BROKER_CONFIG_TYPES = [
  "aws:msk/configuration:Configuration",
  "aws-native:msk:Configuration",
  "aiven:index/kafka:Kafka",
  "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
  "kubernetes:kafka.strimzi.io/v1:Kafka",
  "kubernetes:platform.confluent.io/v1beta1:Kafka",
];
const REDPANDA_CLUSTER_TYPES = [
  "kubernetes:cluster.redpanda.com/v1alpha1:Redpanda",
  "kubernetes:cluster.redpanda.com/v1alpha2:Redpanda",
  "kubernetes:cluster.redpanda.com/v1alpha2:StretchCluster",
  "kubernetes:redpanda.vectorized.io/v1alpha1:Cluster",
];
/** What Redpanda clusters count besides themselves: NodePools of a Redpanda, RedpandaBrokerPools of a StretchCluster. */
const REDPANDA_POOL_TYPES = [
  "kubernetes:cluster.redpanda.com/v1alpha2:NodePool",
  "kubernetes:cluster.redpanda.com/v1alpha2:RedpandaBrokerPool",
];

function typesOf(policy: string, field: "checks" | "reads" = "checks"): string[] {
  return (coverage.find((entry) => entry.policy === policy)?.[field] ?? []).flatMap((kind) => kind.types);
}

describe("coverage", () => {
  it("describes every policy, in pack order, with its scope and default level", () => {
    expect(coverage.map((entry) => entry.policy)).toEqual(PACK_POLICY_NAMES);
    expect(
      Object.fromEntries(coverage.map((entry) => [entry.policy, `${entry.scope}/${entry.enforcementLevel}`])),
    ).toEqual({
      "kafka-topic-min-replication-factor": "resource/mandatory",
      "kafka-topic-min-insync-replicas": "resource/mandatory",
      "kafka-topic-replicas-above-min-insync": "resource/mandatory",
      "kafka-topic-no-unclean-leader-election": "resource/mandatory",
      "kafka-topic-deletion-protection": "resource/advisory",
      "kafka-broker-default-replication-factor": "resource/mandatory",
      "kafka-broker-min-insync-replicas": "resource/mandatory",
      "kafka-broker-no-unclean-leader-election": "resource/mandatory",
      "kafka-broker-no-auto-create-topics": "resource/mandatory",
      "kafka-broker-internal-topics": "resource/mandatory",
      "kafka-connect-durable-producer": "resource/mandatory",
      "kafka-connect-idempotent-producer": "resource/advisory",
      "kafka-connect-internal-topics": "resource/mandatory",
      "kafka-resource-unchecked": "resource/advisory",
      "kafka-topic-inherited-settings": "stack/mandatory",
      "kafka-cluster-min-brokers": "stack/mandatory",
      "kafka-topic-replicas-within-brokers": "stack/mandatory",
      "kafka-topic-min-insync-below-brokers": "stack/mandatory",
      "kafka-topic-exemption-notice": "stack/advisory",
    });
  });

  it.each(policies.map((p) => [p.name, p] as const))(
    "%s has a stable name, description, remediation and severity",
    (name, p) => {
      expect(name).toMatch(/^kafka(-[a-z0-9]+)+$/);
      expect(p.displayName?.length).toBeGreaterThan(10);
      expect(p.description.length).toBeGreaterThan(60);
      expect(p.remediationSteps?.length).toBeGreaterThan(20);
      expect(p.severity).toMatch(/^(low|medium|high|critical)$/);
    },
  );

  it.each<[string, string[], string[]]>([
    ["kafka-topic-min-replication-factor", ALL_TOPIC_TYPES, []],
    // Redpanda accepts and ignores min.insync.replicas and unclean.leader.election.enable.
    ["kafka-topic-min-insync-replicas", KAFKA_TOPIC_TYPES, []],
    ["kafka-topic-replicas-above-min-insync", KAFKA_TOPIC_TYPES, []],
    ["kafka-topic-no-unclean-leader-election", KAFKA_TOPIC_TYPES, []],
    ["kafka-topic-deletion-protection", ALL_TOPIC_TYPES, []],
    ["kafka-broker-default-replication-factor", [...KAFKA_BROKER_CONFIG_TYPES, ...REDPANDA_CLUSTER_TYPES], []],
    // Redpanda has no min.insync.replicas.
    ["kafka-broker-min-insync-replicas", KAFKA_BROKER_CONFIG_TYPES, []],
    [
      "kafka-connect-durable-producer",
      [
        "aws:mskconnect/connector:Connector",
        "aws-native:kafkaconnect:Connector",
        "aws:mskconnect/workerConfiguration:WorkerConfiguration",
        "aws-native:kafkaconnect:WorkerConfiguration",
        "aiven:index/kafkaConnector:KafkaConnector",
        "aiven:index/mirrorMakerReplicationFlow:MirrorMakerReplicationFlow",
        "confluentcloud:index/connector:Connector",
        "kubernetes:kafka.strimzi.io/v1beta2:KafkaConnect",
        "kubernetes:kafka.strimzi.io/v1:KafkaConnect",
        "kubernetes:kafka.strimzi.io/v1beta2:KafkaConnector",
        "kubernetes:kafka.strimzi.io/v1:KafkaConnector",
        "kubernetes:kafka.strimzi.io/v1beta2:KafkaMirrorMaker2",
        "kubernetes:kafka.strimzi.io/v1:KafkaMirrorMaker2",
        "kubernetes:kafka.strimzi.io/v1beta2:KafkaBridge",
        "kubernetes:kafka.strimzi.io/v1:KafkaBridge",
        "kubernetes:kafka.strimzi.io/v1beta2:KafkaMirrorMaker",
        "kubernetes:platform.confluent.io/v1beta1:Connect",
        "kubernetes:platform.confluent.io/v1beta1:Connector",
        "kubernetes:platform.confluent.io/v1beta1:KsqlDB",
        "kubernetes:platform.confluent.io/v1beta1:KafkaRestProxy",
        "kubernetes:cluster.redpanda.com/v1alpha2:Pipeline",
      ],
      [],
    ],
    [
      // Connectors' and plain producers' configs name no internal topics; Schema Registry and cluster links hold
      // no producer settings.
      "kafka-connect-internal-topics",
      [
        "aws:mskconnect/workerConfiguration:WorkerConfiguration",
        "aws-native:kafkaconnect:WorkerConfiguration",
        "aiven:index/mirrorMakerReplicationFlow:MirrorMakerReplicationFlow",
        "kubernetes:kafka.strimzi.io/v1beta2:KafkaConnect",
        "kubernetes:kafka.strimzi.io/v1:KafkaConnect",
        "kubernetes:kafka.strimzi.io/v1beta2:KafkaMirrorMaker2",
        "kubernetes:kafka.strimzi.io/v1:KafkaMirrorMaker2",
        "kubernetes:platform.confluent.io/v1beta1:Connect",
        "kubernetes:platform.confluent.io/v1beta1:SchemaRegistry",
        "kubernetes:platform.confluent.io/v1beta1:KsqlDB",
        "kubernetes:platform.confluent.io/v1beta1:ClusterLink",
        "kubernetes:cluster.redpanda.com/v1alpha2:Pipeline",
      ],
      [],
    ],
    [
      "kafka-topic-inherited-settings",
      [
        "aiven:index/kafkaTopic:KafkaTopic",
        "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic",
        "kubernetes:kafka.strimzi.io/v1:KafkaTopic",
        "kubernetes:platform.confluent.io/v1beta1:KafkaTopic",
        ...REDPANDA_OPERATOR_TOPIC_TYPES,
      ],
      [
        "aiven:index/kafka:Kafka",
        "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
        "kubernetes:kafka.strimzi.io/v1:Kafka",
        "kubernetes:platform.confluent.io/v1beta1:Kafka",
        ...REDPANDA_CLUSTER_TYPES,
      ],
    ],
    [
      "kafka-cluster-min-brokers",
      [
        "aws:msk/cluster:Cluster",
        "aws-native:msk:Cluster",
        "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
        "kubernetes:kafka.strimzi.io/v1:Kafka",
        "kubernetes:platform.confluent.io/v1beta1:Kafka",
        ...REDPANDA_CLUSTER_TYPES,
      ],
      [
        "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool",
        "kubernetes:kafka.strimzi.io/v1:KafkaNodePool",
        ...REDPANDA_POOL_TYPES,
      ],
    ],
    [
      "kafka-topic-replicas-within-brokers",
      [...LINKED_TOPIC_TYPES, ...REDPANDA_OPERATOR_TOPIC_TYPES],
      [...LINKED_CLUSTER_TYPES, ...REDPANDA_CLUSTER_TYPES, ...REDPANDA_POOL_TYPES],
    ],
    [
      // Redpanda's topics are left out: it ignores min.insync.replicas.
      "kafka-topic-min-insync-below-brokers",
      LINKED_TOPIC_TYPES,
      LINKED_CLUSTER_TYPES,
    ],
  ])("%s checks and reads the expected type tokens", (policy, checks, reads) => {
    expect(typesOf(policy)).toEqual(checks);
    expect(typesOf(policy, "reads").sort()).toEqual([...reads].sort());
  });

  it("every resource policy runs on each type token it claims to check, and on no other", async () => {
    const claimedByResourcePolicies = coverage.filter((entry) => entry.scope === "resource");
    const everyType = [
      ...new Set(
        [...TOPIC_RESOURCE_SHAPES, ...BROKER_CONFIG_SHAPES, ...PRODUCER_CONFIG_SHAPES].flatMap((shape) => shape.types),
      ),
    ];
    for (const entry of claimedByResourcePolicies) {
      const policy = policies.find((p) => p.name === entry.policy);
      if (policy === undefined || !("validateResource" in policy)) throw new Error(entry.policy);
      const claimed = entry.checks.flatMap((kind) => kind.types);
      for (const type of everyType) {
        const outcome = await runPolicy(policy, { type, props: {}, protect: true });
        expect({ policy: entry.policy, type, applies: outcome.kind !== "not-applicable" }).toEqual({
          policy: entry.policy,
          type,
          applies: claimed.includes(type),
        });
      }
    }
  });

  it("lists each resource kind once with the policies that check and read it", () => {
    const rows = coverageByResourceKind();
    const labels = rows.map((row) => row.kind.label);
    expect(new Set(labels).size).toBe(labels.length);
    const strimziTopic = rows.find((row) => row.kind.label.startsWith("Strimzi KafkaTopic"));
    expect(strimziTopic?.checkedBy).toContain("kafka-topic-inherited-settings");
    const nodePool = rows.find((row) => row.kind.label.startsWith("Strimzi KafkaNodePool"));
    expect(nodePool?.readBy).toEqual([
      "kafka-cluster-min-brokers",
      "kafka-topic-replicas-within-brokers",
      "kafka-topic-min-insync-below-brokers",
    ]);
  });
});
