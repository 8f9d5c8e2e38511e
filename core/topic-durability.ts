import {
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  UNCLEAN_LEADER_ELECTION,
  findLookAlikeKeys,
} from "./durability-keys";
import { type Parsed, parseKafkaBoolean, parsePositiveKafkaInt } from "./kafka-values";

/** Cluster-wide defaults a topic inherits for keys it does not set, as Kafka property strings. */
export interface ClusterDefaults {
  [DEFAULT_REPLICATION_FACTOR]?: string;
  [MIN_INSYNC_REPLICAS]?: string;
  [UNCLEAN_LEADER_ELECTION]?: string;
}

/** Kafka's own broker defaults: what a topic gets when neither it nor the cluster says otherwise. */
export const KAFKA_BUILT_IN_DEFAULTS: Readonly<Required<ClusterDefaults>> = {
  [DEFAULT_REPLICATION_FACTOR]: "1",
  [MIN_INSYNC_REPLICAS]: "1",
  [UNCLEAN_LEADER_ELECTION]: "false",
};

/** Where an effective value came from; messages tell users which one to change. */
export type SettingSource = "topic" | "cluster-default" | "kafka-default";

export type Setting<T> = {
  /** The property or config key the value belongs to, as users write it. */
  key: string;
  source: SettingSource;
  raw: unknown;
} & ({ ok: true; value: T } | { ok: false; problem: string });

/** A topic as declared in infrastructure code, before interpretation. */
export interface TopicDeclaration {
  topicName: string;
  /** The declared replica count; undefined when the platform lets the cluster default decide. */
  replicationFactor: unknown;
  /** How users name the replica count on this platform, e.g. "replicationFactor" or "spec.replicas". */
  replicationFactorKey: string;
  /** The topic's Kafka config map (string keys, Kafka property names). */
  config: unknown;
}

/** The normalised durability view every rule reads. */
export interface TopicDurability {
  topicName: string;
  replicationFactor: Setting<number>;
  minInsyncReplicas: Setting<number>;
  uncleanLeaderElection: Setting<boolean>;
  /** Keys that look like a durability key but are not it, so Kafka does not apply them. */
  lookAlikeKeys: { key: string; meant: string }[];
}

function isKeyValueMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveSetting<T>(
  key: string,
  declared: unknown,
  clusterDefault: string | undefined,
  builtInDefault: string,
  parse: (raw: unknown) => Parsed<T>,
): Setting<T> {
  const [source, raw]: [SettingSource, unknown] =
    declared !== undefined && declared !== null
      ? ["topic", declared]
      : clusterDefault !== undefined
        ? ["cluster-default", clusterDefault]
        : ["kafka-default", builtInDefault];
  const parsed = parse(raw);
  return parsed.ok
    ? { key, source, raw, ok: true, value: parsed.value }
    : { key, source, raw, ok: false, problem: parsed.problem };
}

function malformedConfig<T>(key: string, config: unknown): Setting<T> {
  return { key, source: "topic", raw: config, ok: false, problem: "the topic config is not a key/value map" };
}

/** Computes a value on first read, so a rule reads only the settings it needs. */
function lazy<T extends object>(target: { [K in keyof T]: () => T[K] }): T {
  const result = {} as T;
  for (const key of Object.keys(target) as (keyof T)[]) {
    let computed: { value: T[typeof key] } | undefined;
    Object.defineProperty(result, key, {
      enumerable: true,
      get: () => (computed ??= { value: target[key]() }).value,
    });
  }
  return result;
}

/**
 * Interprets a declared topic against the cluster defaults it would inherit. Values are read lazily:
 * a value not known yet (during preview) then only affects the rules that need it.
 */
export function describeTopicDurability(
  declaration: TopicDeclaration,
  clusterDefaults: ClusterDefaults = {},
): TopicDurability {
  const configEntries = (): Record<string, unknown> | undefined => {
    const { config } = declaration;
    if (config === undefined || config === null) return {};
    return isKeyValueMap(config) ? config : undefined;
  };
  return lazy<TopicDurability>({
    topicName: () => declaration.topicName,
    replicationFactor: () =>
      resolveSetting(
        declaration.replicationFactorKey,
        declaration.replicationFactor,
        clusterDefaults[DEFAULT_REPLICATION_FACTOR],
        KAFKA_BUILT_IN_DEFAULTS[DEFAULT_REPLICATION_FACTOR],
        parsePositiveKafkaInt,
      ),
    minInsyncReplicas: () => {
      const entries = configEntries();
      if (entries === undefined) return malformedConfig(MIN_INSYNC_REPLICAS, declaration.config);
      return resolveSetting(
        MIN_INSYNC_REPLICAS,
        entries[MIN_INSYNC_REPLICAS],
        clusterDefaults[MIN_INSYNC_REPLICAS],
        KAFKA_BUILT_IN_DEFAULTS[MIN_INSYNC_REPLICAS],
        parsePositiveKafkaInt,
      );
    },
    uncleanLeaderElection: () => {
      const entries = configEntries();
      if (entries === undefined) return malformedConfig(UNCLEAN_LEADER_ELECTION, declaration.config);
      return resolveSetting(
        UNCLEAN_LEADER_ELECTION,
        entries[UNCLEAN_LEADER_ELECTION],
        clusterDefaults[UNCLEAN_LEADER_ELECTION],
        KAFKA_BUILT_IN_DEFAULTS[UNCLEAN_LEADER_ELECTION],
        parseKafkaBoolean,
      );
    },
    lookAlikeKeys: () => findLookAlikeKeys(Object.keys(configEntries() ?? {})),
  });
}
