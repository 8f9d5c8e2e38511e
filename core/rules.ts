import { MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION } from "./durability-keys";
import { describeValue } from "./kafka-values";
import type { DurabilityThresholds } from "./thresholds";
import type { Setting, TopicDurability, TopicSettingName } from "./topic-durability";

export type Severity = "low" | "medium" | "high" | "critical";

/** Changes that make a topic compliant, in the terms of its declaration. */
export interface TopicFix {
  replicationFactor?: number;
  /** Config entries to set (Kafka property names, string values). */
  config?: Record<string, string>;
}

/** What every rule tells users about itself; the pack turns it into policy metadata. */
export interface RuleMetadata {
  /** Stable kebab-case id; also the policy name in the pack. */
  id: string;
  title: string;
  description: string;
  remediation: string;
  severity: Severity;
}

export interface DurabilityRule extends RuleMetadata {
  /** The settings the rule reads; a rule is only as decidable as these. */
  reads: readonly TopicSettingName[];
  /** One message per problem; empty when the topic complies. */
  check(topic: TopicDurability, thresholds: DurabilityThresholds): string[];
  /** The smallest change that clears this rule; undefined when there is nothing this rule can fix. */
  fix(topic: TopicDurability, thresholds: DurabilityThresholds): TopicFix | undefined;
}

/** Says where a topic setting's effective value comes from, for messages. */
export function describeOrigin(setting: Setting<unknown>): string {
  switch (setting.source) {
    case "topic":
      return `${setting.key} is ${describeValue(setting.raw)}`;
    case "stack-cluster":
    case "platform-default":
      return `${setting.key} is not set on the topic, so it inherits the default ${describeValue(setting.raw)} of ${setting.from}`;
    case "cluster-default":
      return `${setting.key} is not set on the topic, so it inherits the cluster default ${describeValue(setting.raw)}`;
    case "kafka-default":
      return `${setting.key} is not set on the topic, so it inherits ${setting.from ?? "Kafka"}'s built-in default ${describeValue(setting.raw)}`;
  }
}

function malformed(topic: TopicDurability, setting: Setting<unknown> & { ok: false }, fixText: string): string {
  return `Topic "${topic.topicName}": ${setting.key} ${describeValue(setting.raw)} is malformed (${setting.problem}); ${fixText}.`;
}

function lookAlikeHint(topic: TopicDurability, key: string): string {
  const lookAlikes = topic.lookAlikeKeys
    .filter((entry) => entry.meant === key)
    .map((entry) => JSON.stringify(entry.key));
  return lookAlikes.length === 0
    ? ""
    : ` Note: the config key ${lookAlikes.join(", ")} is not "${key}" (Kafka keys are exact and case-sensitive), so it does not count.`;
}

export const minReplicationFactor: DurabilityRule = {
  id: "kafka-topic-min-replication-factor",
  title: "Topics keep enough replicas",
  description:
    "A topic's replication factor must be at least the configured minimum (default 3): with fewer copies, losing one or two brokers loses committed messages.",
  remediation:
    "Set the topic's replication factor to the minimum or more (3 by default). Changing it on an existing topic means a partition reassignment; plan it before the topic holds data.",
  severity: "critical",
  reads: ["replicationFactor"],
  check(topic, { minReplicationFactor }) {
    const rf = topic.replicationFactor;
    const fixText = `set ${rf.key} to ${minReplicationFactor} or more`;
    if (!rf.ok) return [malformed(topic, rf, fixText)];
    if (rf.value >= minReplicationFactor) return [];
    return [
      `Topic "${topic.topicName}": ${describeOrigin(rf)}, below the minimum of ${minReplicationFactor}; ${fixText} so every committed message is stored on ${minReplicationFactor} brokers.`,
    ];
  },
  fix(topic, thresholds) {
    return this.check(topic, thresholds).length === 0
      ? undefined
      : { replicationFactor: thresholds.minReplicationFactor };
  },
};

export const minInsyncReplicas: DurabilityRule = {
  id: "kafka-topic-min-insync-replicas",
  title: "Writes wait for enough in-sync replicas",
  description:
    'A topic\'s effective min.insync.replicas must be at least the configured minimum (default 2). Unset means the broker default, which is 1 unless the cluster default is configured: with 1, "acks=all" is satisfied by the leader alone and a leader crash loses acknowledged writes.',
  remediation:
    'Set the topic config "min.insync.replicas" explicitly to the minimum (2 by default) and keep it below the replication factor; or, if the cluster default is already safe, declare it in the pack configuration (clusterDefaults).',
  severity: "critical",
  reads: ["minInsyncReplicas"],
  check(topic, thresholds) {
    const minIsr = topic.minInsyncReplicas;
    const wanted = thresholds.minInsyncReplicas;
    const { naming } = topic;
    const fixText = `set ${naming.fixKey(MIN_INSYNC_REPLICAS)} to ${naming.value(MIN_INSYNC_REPLICAS, String(wanted))} or more (below the replication factor)`;
    const hint = lookAlikeHint(topic, MIN_INSYNC_REPLICAS);
    if (!minIsr.ok) return [malformed(topic, minIsr, fixText) + hint];
    if (minIsr.value >= wanted) return [];
    return [
      `Topic "${topic.topicName}": ${describeOrigin(minIsr)}, below the minimum of ${wanted}, so a write acknowledged with acks=all may exist on fewer than ${wanted} brokers; ${fixText}.${hint}`,
    ];
  },
  fix(topic, thresholds) {
    return this.check(topic, thresholds).length === 0
      ? undefined
      : { config: { [MIN_INSYNC_REPLICAS]: String(thresholds.minInsyncReplicas) } };
  },
};

export const replicasAboveMinInsync: DurabilityRule = {
  id: "kafka-topic-replicas-above-min-insync",
  title: "One broker may be down without blocking writes",
  description:
    "A topic's replication factor must be greater than its effective min.insync.replicas. When they are equal, one broker down (a crash or a rolling restart) leaves too few in-sync replicas and every acks=all write fails with NOT_ENOUGH_REPLICAS.",
  remediation:
    "Keep replication factor = min.insync.replicas + 1 or more. The usual trade-off is RF 3 with min.insync.replicas 2: every acknowledged write is on 2 brokers, and the topic stays writable with one broker down.",
  severity: "high",
  reads: ["replicationFactor", "minInsyncReplicas"],
  check(topic) {
    const { replicationFactor: rf, minInsyncReplicas: minIsr } = topic;
    const broken = [rf, minIsr].filter((setting) => !setting.ok);
    if (broken.length > 0) {
      const names = broken.map((setting) => `${setting.key} ${describeValue(setting.raw)}`).join(" and ");
      return [
        `Topic "${topic.topicName}": cannot confirm the replication factor exceeds min.insync.replicas because ${names} ${broken.length > 1 ? "are" : "is"} malformed; set both to integers with ${rf.key} = ${minIsr.key} + 1 or more.`,
      ];
    }
    if (!rf.ok || !minIsr.ok || rf.value > minIsr.value) return [];
    return [
      `Topic "${topic.topicName}": ${rf.key} ${rf.value} is not greater than min.insync.replicas ${minIsr.value} (${describeOrigin(minIsr)}), so one broker down blocks every acks=all write; use ${rf.key} = ${minIsr.key} + 1 or more (e.g. ${rf.key} 3 with min.insync.replicas 2 keeps each write on 2 brokers and survives one broker down).`,
    ];
  },
  fix(topic, thresholds) {
    const { replicationFactor: rf, minInsyncReplicas: minIsr } = topic;
    if (!rf.ok || !minIsr.ok || rf.value > minIsr.value) return undefined;
    // Lowering min ISR keeps the broker count; only when that would breach the ISR minimum do we add a replica.
    if (rf.value - 1 >= thresholds.minInsyncReplicas) {
      return { config: { [MIN_INSYNC_REPLICAS]: String(rf.value - 1) } };
    }
    return { replicationFactor: Math.max(minIsr.value, thresholds.minInsyncReplicas) + 1 };
  },
};

export const noUncleanLeaderElection: DurabilityRule = {
  id: "kafka-topic-no-unclean-leader-election",
  title: "No unclean leader election",
  description:
    "unclean.leader.election.enable must not be true: it lets an out-of-sync replica become leader, and the messages it never received are silently truncated from every replica.",
  remediation:
    'Set the topic config "unclean.leader.election.enable" to "false" (and keep the cluster default false). Prefer a partition being briefly unavailable to acknowledged messages disappearing.',
  severity: "critical",
  reads: ["uncleanLeaderElection"],
  check(topic) {
    const unclean = topic.uncleanLeaderElection;
    const { naming } = topic;
    const fixText = `set ${naming.fixKey(UNCLEAN_LEADER_ELECTION)} to ${naming.value(UNCLEAN_LEADER_ELECTION, "false")}`;
    const hint = lookAlikeHint(topic, UNCLEAN_LEADER_ELECTION);
    if (!unclean.ok) return [malformed(topic, unclean, fixText) + hint];
    if (!unclean.value) return [];
    return [
      `Topic "${topic.topicName}": ${describeOrigin(unclean)}, so an out-of-sync replica can become leader and acknowledged messages are lost; ${fixText}.${hint}`,
    ];
  },
  fix(topic, thresholds) {
    return this.check(topic, thresholds).length === 0 ? undefined : { config: { [UNCLEAN_LEADER_ELECTION]: "false" } };
  },
};

/** Every topic rule, in the order the pack lists its policies. */
export const TOPIC_RULES: readonly DurabilityRule[] = [
  minReplicationFactor,
  minInsyncReplicas,
  replicasAboveMinInsync,
  noUncleanLeaderElection,
];

/**
 * The topic rules applied, by a stack policy, to what a topic inherits from its cluster in the same stack
 * (a Strimzi KafkaTopic from its Kafka's broker config, an Aiven topic from its service, ...).
 */
export const inheritedTopicSettings: RuleMetadata = {
  id: "kafka-topic-inherited-settings",
  title: "Inherited topic settings are safe",
  description:
    "Applies the topic rules to the values a topic inherits for keys it does not set (a Strimzi, Confluent for Kubernetes or Redpanda operator topic from its cluster resource, an Aiven topic from its service): from that cluster's broker config when the same stack declares it, otherwise from clusterDefaults or Kafka's built-in defaults. The resource policies judge only what such a topic sets, because they cannot see the cluster.",
  remediation:
    "Set the key on the topic, or fix the broker default in the cluster resource (Strimzi spec.kafka.config, Confluent for Kubernetes spec.configOverrides.server, Redpanda spec.clusterSpec.config.cluster, Aiven kafkaUserConfig.kafka) so every topic of the cluster inherits a safe value. Each message names the key to set and ends with the topic rule it comes from.",
  severity: "critical",
};

export interface RuleViolation {
  ruleId: string;
  message: string;
}

/** Runs every topic rule; the single entry point for components and tests. */
export function checkTopic(topic: TopicDurability, thresholds: DurabilityThresholds): RuleViolation[] {
  return TOPIC_RULES.flatMap((rule) => rule.check(topic, thresholds).map((message) => ({ ruleId: rule.id, message })));
}
