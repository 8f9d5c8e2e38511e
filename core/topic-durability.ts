import {
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  type TopicDurabilityKey,
  UNCLEAN_LEADER_ELECTION,
  findLookAlikeKeys,
} from "./durability-keys";
import { type Parsed, isRecord, parseKafkaBoolean, parsePositiveKafkaInt } from "./kafka-values";
import { lazy } from "./lazy";

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
export type SettingSource = "topic" | "stack-cluster" | "platform-default" | "cluster-default" | "kafka-default";

export type Setting<T> = {
  /** The property or config key the value belongs to, as users write it. */
  key: string;
  source: SettingSource;
  raw: unknown;
  /** Who sets an inherited value, e.g. `Strimzi Kafka "main"`; for a built-in default, the broker software if not Kafka. */
  from?: string;
} & ({ ok: true; value: T } | { ok: false; problem: string });

/** Inherited values from one place, e.g. the broker config of the topic's cluster declared in the same stack. */
export interface InheritedDefaults {
  values: ClusterDefaults;
  /** Who sets them, for messages. */
  from: string;
}

/** How a platform spells a topic's config keys and values, so messages name what users actually write. */
export interface ConfigNaming {
  /** The setting as messages name it, e.g. `min.insync.replicas` or `config.minInsyncReplicas`. */
  settingKey(kafkaKey: string): string;
  /** The place to change, e.g. `config "min.insync.replicas"`. */
  fixKey(kafkaKey: string): string;
  /** A value as users write it there, e.g. `"2"` (string map) or `false` (typed field). */
  value(kafkaKey: string, value: string): string;
}

/** A Kafka config map of strings (`kafka.Topic`, Confluent Cloud): keys and values as Kafka spells them. */
export const STRING_CONFIG_MAP: ConfigNaming = {
  settingKey: (kafkaKey) => kafkaKey,
  fixKey: (kafkaKey) => `config "${kafkaKey}"`,
  value: (_kafkaKey, value) => JSON.stringify(value),
};

/** A topic as declared in infrastructure code, before interpretation. */
export interface TopicDeclaration {
  topicName: string;
  /** The declared replica count; undefined when the platform lets the cluster default decide. */
  replicationFactor: unknown;
  /** How users name the replica count on this platform, e.g. "replicationFactor" or "spec.replicas". */
  replicationFactorKey: string;
  /** The topic's Kafka config map (string keys, Kafka property names). */
  config: unknown;
  /** How the platform spells config keys and values; a string map by default. */
  naming?: ConfigNaming;
  /** Defaults the platform itself fixes (a managed service), used before the pack's clusterDefaults. */
  platformDefaults?: InheritedDefaults;
  /**
   * The broker software whose built-in defaults apply last, when it is not Apache Kafka but shares Kafka's values for
   * the keys it honours (Redpanda: default_topic_replications 1). Messages name it.
   */
  builtInDefaultsOf?: string;
}

/** The normalised durability view every rule reads. */
export interface TopicDurability {
  topicName: string;
  replicationFactor: Setting<number>;
  minInsyncReplicas: Setting<number>;
  uncleanLeaderElection: Setting<boolean>;
  /** Keys that look like a durability key but are not it, so Kafka does not apply them. */
  lookAlikeKeys: { key: string; meant: string }[];
  /** How the platform spells config keys and values. */
  naming: ConfigNaming;
}

/** The three durability settings of a topic, as named in TopicDurability. */
export type TopicSettingName = "replicationFactor" | "minInsyncReplicas" | "uncleanLeaderElection";

/** One place an unset key may inherit from, most specific first. */
interface DefaultsLayer {
  source: Exclude<SettingSource, "topic">;
  values: ClusterDefaults;
  from?: string;
}

type DefaultKey = keyof ClusterDefaults;

const KAFKA_LAYER: DefaultsLayer = { source: "kafka-default", values: KAFKA_BUILT_IN_DEFAULTS };

function resolveSetting<T>(
  key: string,
  declared: unknown,
  defaultKey: DefaultKey,
  layers: readonly DefaultsLayer[],
  parse: (raw: unknown) => Parsed<T>,
): Setting<T> {
  // Read for every rule of every topic: no layer is searched for a declared value, and nothing is spread.
  let origin: { key: string; source: SettingSource; raw: unknown; from?: string };
  if (declared !== undefined && declared !== null) {
    origin = { key, source: "topic", raw: declared };
  } else {
    const inherited = layers.find((candidate) => candidate.values[defaultKey] !== undefined) ?? KAFKA_LAYER;
    origin = { key, source: inherited.source, raw: inherited.values[defaultKey] };
    if (inherited.from !== undefined) origin.from = inherited.from;
  }
  const parsed = parse(origin.raw);
  return parsed.ok
    ? Object.assign(origin, { ok: true as const, value: parsed.value })
    : Object.assign(origin, { ok: false as const, problem: parsed.problem });
}

function malformedConfig<T>(key: string, config: unknown): Setting<T> {
  return { key, source: "topic", raw: config, ok: false, problem: "the topic config is not a key/value map" };
}

/**
 * Interprets a declared topic against the defaults it would inherit for keys it does not set, in this order:
 * the broker config of its cluster when declared in the same stack, the platform's fixed defaults, the pack's
 * clusterDefaults, then Kafka's built-in defaults. Values are read lazily: a value not known yet (during preview)
 * then only affects the rules that need it.
 */
export function describeTopicDurability(
  declaration: TopicDeclaration,
  clusterDefaults: ClusterDefaults = {},
  stackCluster?: InheritedDefaults,
): TopicDurability {
  const naming = declaration.naming ?? STRING_CONFIG_MAP;
  const layers: DefaultsLayer[] = [
    ...(stackCluster ? [{ source: "stack-cluster" as const, ...stackCluster }] : []),
    ...(declaration.platformDefaults ? [{ source: "platform-default" as const, ...declaration.platformDefaults }] : []),
    { source: "cluster-default", values: clusterDefaults },
    ...(declaration.builtInDefaultsOf ? [{ ...KAFKA_LAYER, from: declaration.builtInDefaultsOf }] : []),
  ];
  const configEntries = (): Record<string, unknown> | undefined => {
    const { config } = declaration;
    if (config === undefined || config === null) return {};
    return isRecord(config) ? config : undefined;
  };
  const configSetting = <T>(kafkaKey: TopicDurabilityKey, parse: (raw: unknown) => Parsed<T>) => {
    const key = naming.settingKey(kafkaKey);
    const entries = configEntries();
    if (entries === undefined) return malformedConfig<T>(key, declaration.config);
    return resolveSetting(key, entries[kafkaKey], kafkaKey, layers, parse);
  };
  return lazy<TopicDurability>({
    topicName: () => declaration.topicName,
    replicationFactor: () =>
      resolveSetting(
        declaration.replicationFactorKey,
        declaration.replicationFactor,
        DEFAULT_REPLICATION_FACTOR,
        layers,
        parsePositiveKafkaInt,
      ),
    minInsyncReplicas: () => configSetting(MIN_INSYNC_REPLICAS, parsePositiveKafkaInt),
    uncleanLeaderElection: () => configSetting(UNCLEAN_LEADER_ELECTION, parseKafkaBoolean),
    lookAlikeKeys: () => findLookAlikeKeys(Object.keys(configEntries() ?? {})),
    naming: () => naming,
  });
}
