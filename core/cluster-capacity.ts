import { MIN_INSYNC_REPLICAS } from "./durability-keys";
import { type Parsed, describeValue, parsePositiveKafkaInt } from "./kafka-values";
import { type RuleMetadata, describeOrigin } from "./rules";
import type { DurabilityThresholds } from "./thresholds";
import type { TopicDurability, TopicSettingName } from "./topic-durability";

/** A cluster's broker count as declared (MSK numberOfBrokerNodes, Strimzi replicas or broker node pools). */
export interface ClusterDeclaration {
  /** Names the resource in messages, e.g. `MSK cluster "prod"`. */
  subject: string;
  /** Where the count comes from, e.g. "numberOfBrokerNodes". */
  brokersKey: string;
  /** The declared count. */
  brokers: Parsed<number>;
  /** The instruction that raises the count, e.g. `set numberOfBrokerNodes to 3 or more`. */
  fix(brokers: number): string;
}

/** A single declared broker count, e.g. MSK numberOfBrokerNodes or Strimzi spec.kafka.replicas. */
export function brokerCount(raw: unknown): Parsed<number> {
  return parsePositiveKafkaInt(raw);
}

/** The broker count of Strimzi node pools with the broker role: the sum of their replicas (0 is a valid pool size). */
export function nodePoolBrokerCount(pools: readonly { name: string; replicas: unknown }[]): Parsed<number> {
  let total = 0;
  for (const pool of pools) {
    const replicas = pool.replicas;
    if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
      return {
        ok: false,
        problem: `node pool "${pool.name}" has replicas ${describeValue(replicas)}, not a whole number`,
      };
    }
    total += replicas;
  }
  if (total === 0) return { ok: false, problem: "no broker-role node pool with replicas belongs to it" };
  return { ok: true, value: total };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** A rule over one cluster's broker count. */
export interface ClusterRule extends RuleMetadata {
  check(cluster: ClusterDeclaration, thresholds: DurabilityThresholds): string[];
}

export const clusterMinBrokers: ClusterRule = {
  id: "kafka-cluster-min-brokers",
  title: "Clusters have enough brokers for the replication factor",
  description:
    "A Kafka cluster (MSK cluster, Strimzi Kafka with its broker node pools) must have at least as many brokers as the minimum replication factor (default 3): with fewer, no topic can keep that many copies.",
  remediation:
    "Give the cluster at least as many brokers as the minimum replication factor (3 by default): numberOfBrokerNodes of an MSK cluster, spec.kafka.replicas or the replicas of broker-role KafkaNodePools of a Strimzi Kafka.",
  severity: "critical",
  check(cluster, { minReplicationFactor }) {
    const fixText = cluster.fix(minReplicationFactor);
    if (!cluster.brokers.ok) {
      return [
        `${cluster.subject}: cannot count its brokers (${cluster.brokersKey}: ${cluster.brokers.problem}); ${fixText}.`,
      ];
    }
    const brokers = cluster.brokers.value;
    if (brokers >= minReplicationFactor) return [];
    return [
      `${cluster.subject}: it has ${plural(brokers, "broker")} (${cluster.brokersKey}), fewer than the ${minReplicationFactor} that replication factor ${minReplicationFactor} needs, so no topic can keep ${minReplicationFactor} copies; ${fixText}.`,
    ];
  },
};

/** A rule over one topic and the cluster it belongs to, both declared in the same stack. */
export interface TopicClusterRule extends RuleMetadata {
  reads: readonly TopicSettingName[];
  check(topic: TopicDurability, cluster: ClusterDeclaration): string[];
}

export const topicReplicasWithinBrokers: TopicClusterRule = {
  id: "kafka-topic-replicas-within-brokers",
  title: "Topics do not need more replicas than their cluster has brokers",
  description:
    "A topic's replication factor must not exceed the broker count of its cluster declared in the same stack: Kafka refuses to create such a topic (INVALID_REPLICATION_FACTOR), so the deployment fails half-way.",
  remediation:
    "Add brokers to the cluster, or lower the topic's replication factor to the broker count (never below the minimum replication factor).",
  severity: "high",
  reads: ["replicationFactor"],
  check(topic, cluster) {
    const rf = topic.replicationFactor;
    if (!rf.ok || !cluster.brokers.ok || rf.value <= cluster.brokers.value) return [];
    const brokers = cluster.brokers.value;
    return [
      `Topic "${topic.topicName}": ${describeOrigin(rf)}, more than the ${plural(brokers, "broker")} of ${cluster.subject} (${cluster.brokersKey}), so Kafka refuses to create it; ${cluster.fix(rf.value)}, or set ${rf.key} to ${brokers}.`,
    ];
  },
};

export const topicMinInsyncBelowBrokers: TopicClusterRule = {
  id: "kafka-topic-min-insync-below-brokers",
  title: "A broker restart does not block writes",
  description:
    "A topic's effective min.insync.replicas must be below the broker count of its cluster declared in the same stack: when it equals the broker count, any broker restart (a rolling upgrade, a patch) blocks every acks=all write; above it, no such write ever succeeds.",
  remediation: "Add a broker so the cluster has more brokers than min.insync.replicas, or lower min.insync.replicas.",
  severity: "high",
  reads: ["minInsyncReplicas"],
  check(topic, cluster) {
    const minIsr = topic.minInsyncReplicas;
    if (!minIsr.ok || !cluster.brokers.ok || minIsr.value < cluster.brokers.value) return [];
    const brokers = cluster.brokers.value;
    const consequence =
      minIsr.value === brokers
        ? "so any broker restart (a rolling upgrade, a patch) blocks every acks=all write"
        : "so no acks=all write can succeed";
    const comparison = minIsr.value === brokers ? "equal to" : "more than";
    return [
      `Topic "${topic.topicName}": ${describeOrigin(minIsr)}, ${comparison} the ${plural(brokers, "broker")} of ${cluster.subject} (${cluster.brokersKey}), ${consequence}; ${cluster.fix(minIsr.value + 1)}, or set ${topic.naming.fixKey(MIN_INSYNC_REPLICAS)} below ${brokers}.`,
    ];
  },
};

/** Every rule that compares a topic with its cluster, in the order the pack lists its policies. */
export const TOPIC_CLUSTER_RULES: readonly TopicClusterRule[] = [
  topicReplicasWithinBrokers,
  topicMinInsyncBelowBrokers,
];
