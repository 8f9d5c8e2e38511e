import { DEFAULT_REPLICATION_FACTOR, MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION } from "./durability-keys";
import { type Parsed, parseKafkaBoolean, parsePositiveKafkaInt } from "./kafka-values";
import type { LiveBroker, LiveConfigSource } from "./live-cluster";
import { type ClusterDefaults, KAFKA_BUILT_IN_DEFAULTS, type TopicSettingName } from "./topic-durability";

/** The keys of the pack's clusterDefaults, with how Kafka parses each (for comparing "2" with " 2"). */
export const CLUSTER_DEFAULT_KEYS: readonly { key: keyof ClusterDefaults; parse: (raw: unknown) => Parsed<unknown> }[] =
  [
    { key: DEFAULT_REPLICATION_FACTOR, parse: parsePositiveKafkaInt },
    { key: MIN_INSYNC_REPLICAS, parse: parsePositiveKafkaInt },
    { key: UNCLEAN_LEADER_ELECTION, parse: parseKafkaBoolean },
  ];

/** One value of a default and the brokers that have it (more than one entry when the brokers disagree). */
export interface LiveDefaultValue {
  value: string | null;
  source: LiveConfigSource;
  brokerIds: number[];
}

export interface LiveClusterDefault {
  key: keyof ClusterDefaults;
  values: LiveDefaultValue[];
}

const SOURCE_NAMES: Record<LiveConfigSource, string> = {
  topic: "a topic override",
  broker: "a per-broker dynamic config",
  "cluster-default": "the cluster-wide dynamic default",
  "static-broker": "server.properties",
  "kafka-default": "Kafka's built-in default",
};

export function describeLiveSource(source: LiveConfigSource): string {
  return SOURCE_NAMES[source];
}

/** The topic defaults each broker applies, grouped by value. */
export function liveClusterDefaults(brokers: readonly LiveBroker[]): LiveClusterDefault[] {
  return CLUSTER_DEFAULT_KEYS.map(({ key }) => {
    const values: LiveDefaultValue[] = [];
    for (const broker of [...brokers].sort((a, b) => a.id - b.id)) {
      const live = broker.configs[key] ?? { value: null, source: "kafka-default" as const };
      const same = values.find((entry) => entry.value === live.value && entry.source === live.source);
      if (same) same.brokerIds.push(broker.id);
      else values.push({ value: live.value, source: live.source, brokerIds: [broker.id] });
    }
    return { key, values };
  });
}

/**
 * The clusterDefaults block for the pack's settings, as the cluster really has it. A key whose brokers disagree
 * is left out and reported: no single value is true for every topic.
 */
export function clusterDefaultsBlock(defaults: readonly LiveClusterDefault[]): {
  clusterDefaults: ClusterDefaults;
  disagreements: string[];
} {
  const clusterDefaults: ClusterDefaults = {};
  const disagreements: string[] = [];
  for (const { key, values } of defaults) {
    const distinct = new Set(values.map((entry) => entry.value));
    const [only] = values;
    if (distinct.size === 1 && only !== undefined && only.value !== null) clusterDefaults[key] = only.value;
    else if (distinct.size > 1) {
      disagreements.push(`the brokers disagree on ${key}: ${describeValues(values)}`);
    }
  }
  return { clusterDefaults, disagreements };
}

function brokerList(ids: readonly number[]): string {
  return `${ids.length === 1 ? "broker" : "brokers"} ${ids.join(", ")}`;
}

function describeValues(values: readonly LiveDefaultValue[]): string {
  return values
    .map(
      (entry) =>
        `${brokerList(entry.brokerIds)} ${entry.brokerIds.length === 1 ? "uses" : "use"} ${JSON.stringify(entry.value)} (${SOURCE_NAMES[entry.source]})`,
    )
    .join(", ");
}

/** What one policy assumes about the cluster: its clusterDefaults, Kafka's built-ins for the rest. */
export interface DefaultsAssumption {
  policy: string;
  clusterDefaults: ClusterDefaults;
  /** The keys the policy reads; a policy is only misled by a wrong assumption about what it reads. */
  keys: readonly (keyof ClusterDefaults)[];
}

/** The default each topic setting inherits from, to know which assumptions a rule depends on. */
export const DEFAULT_KEY_OF_SETTING: Readonly<Record<TopicSettingName, keyof ClusterDefaults>> = {
  replicationFactor: DEFAULT_REPLICATION_FACTOR,
  minInsyncReplicas: MIN_INSYNC_REPLICAS,
  uncleanLeaderElection: UNCLEAN_LEADER_ELECTION,
};

function sameValue(parse: (raw: unknown) => Parsed<unknown>, assumed: string, live: string | null): boolean {
  if (live === null) return false;
  const [a, b] = [parse(assumed), parse(live)];
  return a.ok && b.ok ? a.value === b.value : assumed.trim() === live.trim();
}

/**
 * Compares the defaults the pack's policies assume with the cluster's: one message per key and wrong assumed
 * value, naming every policy that reads the key and assumes it. A key a policy leaves out of clusterDefaults is
 * assumed to be Kafka's built-in default, as the rules do.
 */
export function checkClusterDefaults(
  assumptions: readonly DefaultsAssumption[],
  live: readonly LiveClusterDefault[],
): string[] {
  const messages: string[] = [];
  for (const { key, parse } of CLUSTER_DEFAULT_KEYS) {
    const groups = new Map<string, { assumed: string; declared: boolean; policies: string[] }>();
    for (const { policy, clusterDefaults, keys } of assumptions) {
      if (!keys.includes(key)) continue;
      const declared = clusterDefaults[key];
      const assumed = declared ?? KAFKA_BUILT_IN_DEFAULTS[key];
      const signature = JSON.stringify([assumed, declared === undefined]);
      const group = groups.get(signature) ?? { assumed, declared: declared !== undefined, policies: [] };
      group.policies.push(policy);
      groups.set(signature, group);
    }
    const liveValues = live.find((entry) => entry.key === key)?.values ?? [];
    for (const { assumed, declared, policies } of groups.values()) {
      const wrong = liveValues.filter((entry) => !sameValue(parse, assumed, entry.value));
      if (wrong.length === 0) continue;
      const origin = declared ? "clusterDefaults" : "Kafka's built-in default, as clusterDefaults does not set it";
      messages.push(
        `${policies.join(", ")} ${policies.length === 1 ? "assumes" : "assume"} ${key} ${JSON.stringify(assumed)} (${origin}), but ${describeValues(wrong)}, so topics that do not set it are judged on a value they do not have; set clusterDefaults["${key}"] to the cluster's value or change the brokers.`,
      );
    }
  }
  return messages;
}
