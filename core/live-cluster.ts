import {
  BROKER_DEFAULT_KEYS,
  type BrokerDeclaration,
  type BrokerDefaultKey,
  KAFKA_BROKER_DEFAULTS,
} from "./broker-durability";
import type { ClusterDeclaration } from "./cluster-capacity";
import { MIN_INSYNC_REPLICAS, TOPIC_DURABILITY_KEYS, UNCLEAN_LEADER_ELECTION } from "./durability-keys";
import {
  type ClusterDefaults,
  type InheritedDefaults,
  KAFKA_BUILT_IN_DEFAULTS,
  type TopicDurability,
  describeTopicDurability,
} from "./topic-durability";

/**
 * Where a live value comes from, as DescribeConfigs reports it (its config source): a topic override, a
 * per-broker dynamic config, the cluster-wide dynamic broker default, the brokers' server.properties, or Kafka's
 * own default.
 */
export type LiveConfigSource = "topic" | "broker" | "cluster-default" | "static-broker" | "kafka-default";

export interface LiveConfigValue {
  /** Null when the broker hides it (a sensitive key) or has none. */
  value: string | null;
  source: LiveConfigSource;
}

export interface LivePartition {
  partition: number;
  /** -1 when the partition has no leader (offline). */
  leader: number;
  replicas: readonly number[];
  isr: readonly number[];
  offlineReplicas: readonly number[];
}

export interface LiveTopic {
  name: string;
  internal: boolean;
  partitions: readonly LivePartition[];
  /** Effective values of the keys the audit reads (LIVE_TOPIC_KEYS), or of every key in a drift check. */
  configs: Readonly<Record<string, LiveConfigValue>>;
}

export interface LiveBroker {
  id: number;
  /** Effective values of LIVE_BROKER_KEYS on this broker. */
  configs: Readonly<Record<string, LiveConfigValue>>;
}

/** What the audit reads from a running cluster; the Kafka client fills it, everything after it is pure. */
export interface LiveCluster {
  clusterId: string;
  /** The brokers registered now (a stopped broker is missing). */
  brokers: readonly LiveBroker[];
  topics: readonly LiveTopic[];
}

/**
 * Every config the audit reads, by resource: the topic durability keys and the broker defaults topics inherit.
 * Their types and Kafka defaults are the rule core's (KAFKA_BUILT_IN_DEFAULTS, KAFKA_BROKER_DEFAULTS).
 */
export const LIVE_TOPIC_KEYS: readonly string[] = TOPIC_DURABILITY_KEYS;
export const LIVE_BROKER_KEYS: readonly BrokerDefaultKey[] = BROKER_DEFAULT_KEYS;

/** Completes "inherits the default <value> of ...", per inherited source. */
const INHERITED_FROM: Record<Exclude<LiveConfigSource, "topic" | "kafka-default">, string> = {
  broker: "a per-broker dynamic config (kafka-configs --entity-type brokers --entity-name <id>)",
  "cluster-default": "the cluster-wide dynamic broker default (kafka-configs --entity-type brokers --entity-default)",
  "static-broker": "the brokers' server.properties",
};

/** Replica count of the topic's weakest partition, and the key messages name it by. */
function replicaCount(topic: LiveTopic): { count: number | undefined; key: string } {
  const counts = topic.partitions.map((partition) => partition.replicas.length);
  if (counts.length === 0) return { count: undefined, key: "replication factor" };
  const fewest = Math.min(...counts);
  if (counts.every((count) => count === fewest)) return { count: fewest, key: "replication factor" };
  // After a reassignment partitions can differ; the weakest one decides what survives.
  const weakest = topic.partitions.find((partition) => partition.replicas.length === fewest);
  return { count: fewest, key: `the replica count of partition ${weakest?.partition}` };
}

/**
 * Turns a live topic into the rule core's view: its real replica count, its overrides as topic config, and each
 * inherited value with the place it comes from, so the core's messages name what to change.
 */
export function describeLiveTopic(topic: LiveTopic): TopicDurability {
  const config: Record<string, string> = {};
  const inherited: InheritedDefaults[] = [];
  const kafkaDefaults: ClusterDefaults = {};
  for (const key of [MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION] as const) {
    const live = topic.configs[key];
    if (live === undefined || live.value === null) continue;
    if (live.source === "topic") config[key] = live.value;
    else if (live.source === "kafka-default") {
      // Kafka's default as this broker version reports it; the core names it "cluster default" if it differs.
      if (live.value !== KAFKA_BUILT_IN_DEFAULTS[key]) kafkaDefaults[key] = live.value;
    } else inherited.push({ values: { [key]: live.value }, from: INHERITED_FROM[live.source] });
  }
  const { count, key } = replicaCount(topic);
  // The core takes two named inheritance layers; each holds one key here, so every key keeps its own origin.
  const [first, second] = inherited;
  return describeTopicDurability(
    {
      topicName: topic.name,
      replicationFactor: count,
      replicationFactorKey: key,
      config,
      ...(second === undefined ? {} : { platformDefaults: second }),
    },
    kafkaDefaults,
    first,
  );
}

/** Broker keys Kafka reads only at start-up; the others are cluster-wide dynamic configs. */
const READ_ONLY_BROKER_KEYS: readonly BrokerDefaultKey[] = [
  "auto.create.topics.enable",
  "offsets.topic.replication.factor",
  "transaction.state.log.replication.factor",
  "transaction.state.log.min.isr",
];

function brokerFix(key: BrokerDefaultKey, value: string): string {
  return READ_ONLY_BROKER_KEYS.includes(key)
    ? `set ${key}=${value} in every broker's server.properties and restart them one at a time`
    : `set it cluster-wide with kafka-configs --alter --entity-type brokers --entity-default --add-config ${key}=${value} (and remove any per-broker override)`;
}

function brokerList(ids: readonly number[]): string {
  return ids.length === 1 ? `Broker ${ids[0]}` : `Brokers ${ids.join(", ")}`;
}

/**
 * The broker configurations of a live cluster as the core's broker declarations: brokers with the same values
 * form one declaration, so a cluster configured alike gets one message per problem instead of one per broker.
 */
export function liveBrokerDeclarations(
  brokers: readonly LiveBroker[],
): (BrokerDeclaration & { brokerIds: number[] })[] {
  const groups = new Map<string, { ids: number[]; entries: Record<string, string> }>();
  for (const broker of [...brokers].sort((a, b) => a.id - b.id)) {
    const entries: Record<string, string> = {};
    for (const key of LIVE_BROKER_KEYS) {
      const live = broker.configs[key];
      if (live === undefined || live.value === null) continue;
      // Kafka's own default reads as "not set, so the brokers use Kafka's built-in default".
      if (live.source === "kafka-default" && live.value === KAFKA_BROKER_DEFAULTS[key]) continue;
      entries[key] = live.value;
    }
    const signature = JSON.stringify(entries);
    const group = groups.get(signature) ?? { ids: [], entries };
    group.ids.push(broker.id);
    groups.set(signature, group);
  }
  return [...groups.values()].map(({ ids, entries }) => ({
    subject: brokerList(ids),
    brokerIds: ids,
    entries: () => ({ ok: true, entries }),
    fix: brokerFix,
  }));
}

/**
 * The brokers a cluster has: the registered ones and any that still hold replicas while stopped, so a broker
 * outage shows as shrunken ISRs, not as a smaller cluster.
 */
export function clusterBrokerIds(cluster: LiveCluster): number[] {
  const ids = new Set(cluster.brokers.map((broker) => broker.id));
  for (const topic of cluster.topics) {
    for (const partition of topic.partitions) for (const id of partition.replicas) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** The live cluster as the core's cluster declaration, for the broker-count rules. */
export function liveClusterDeclaration(cluster: LiveCluster): ClusterDeclaration {
  const brokers = clusterBrokerIds(cluster).length;
  return {
    subject: `cluster ${cluster.clusterId}`,
    brokersKey: "brokers registered or holding replicas",
    brokers: brokers > 0 ? { ok: true, value: brokers } : { ok: false, problem: "no broker is registered" },
    fix: (wanted) => `run at least ${wanted} brokers`,
  };
}
