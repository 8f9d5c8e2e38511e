import {
  AUTO_CREATE_TOPICS,
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  OFFSETS_TOPIC_REPLICATION_FACTOR,
  TRANSACTION_LOG_MIN_ISR,
  TRANSACTION_LOG_REPLICATION_FACTOR,
  UNCLEAN_LEADER_ELECTION,
} from "./durability-keys";
import { type Parsed, describeValue, parseKafkaBoolean, parsePositiveKafkaInt } from "./kafka-values";
import { lazy } from "./lazy";
import type { RuleMetadata } from "./rules";
import type { DurabilityThresholds } from "./thresholds";
import type { ClusterDefaults } from "./topic-durability";

/**
 * Broker-wide keys that decide what topics inherit, whether topics can appear without any topic guard, and how
 * Kafka's internal topics (committed offsets, transaction state) are replicated.
 */
export const BROKER_DEFAULT_KEYS = [
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  UNCLEAN_LEADER_ELECTION,
  AUTO_CREATE_TOPICS,
  OFFSETS_TOPIC_REPLICATION_FACTOR,
  TRANSACTION_LOG_REPLICATION_FACTOR,
  TRANSACTION_LOG_MIN_ISR,
] as const;
export type BrokerDefaultKey = (typeof BROKER_DEFAULT_KEYS)[number];

/** Apache Kafka's own broker defaults for those keys. */
export const KAFKA_BROKER_DEFAULTS: Readonly<Record<BrokerDefaultKey, string>> = {
  [DEFAULT_REPLICATION_FACTOR]: "1",
  [MIN_INSYNC_REPLICAS]: "1",
  [UNCLEAN_LEADER_ELECTION]: "false",
  [AUTO_CREATE_TOPICS]: "true",
  [OFFSETS_TOPIC_REPLICATION_FACTOR]: "3",
  [TRANSACTION_LOG_REPLICATION_FACTOR]: "3",
  [TRANSACTION_LOG_MIN_ISR]: "2",
};

/**
 * What a platform uses for a key its broker config leaves unset: a documented value, or, when the value depends
 * on something the declaration does not show, why it cannot be confirmed (completes "<key> is not set, so ...").
 */
export type PlatformBrokerDefault = { value: string } | { unconfirmed: string };

export type BrokerEntries = { ok: true; entries: Record<string, unknown> } | { ok: false; problem: string };

/** A broker configuration as declared in infrastructure code (an MSK configuration, a Strimzi Kafka cluster). */
export interface BrokerDeclaration {
  /** Names the resource in messages, e.g. `MSK configuration "prod"`. */
  subject: string;
  /** The broker config entries by Kafka property name, or why they cannot be read. Called lazily, once. */
  entries(): BrokerEntries;
  /** The instruction that sets a key, e.g. `set spec.kafka.config["min.insync.replicas"] to 2`. */
  fix(key: BrokerDefaultKey, value: string): string;
  /** Who decides unset keys when it is not plain Apache Kafka, e.g. "Amazon MSK". */
  platform?: string;
  /** The platform's own values for unset keys; Kafka's defaults apply to keys not listed. */
  platformDefaults?: Partial<Record<BrokerDefaultKey, PlatformBrokerDefault>>;
  /**
   * Keys the platform has no setting for, with why (Redpanda's Raft needs no min.insync.replicas): not checked. Taken
   * from the shape that reads the resource, which also declares the rules that read only these keys not applicable.
   */
  ignores?: Partial<Record<BrokerDefaultKey, string>>;
  /** The platform's own names for Kafka's keys, where it has others (Redpanda's cluster properties). */
  keyNames?: Partial<Record<BrokerDefaultKey, string>>;
}

type BrokerValueState = "set" | "platform-default" | "kafka-default";

export type BrokerSetting<T> = { key: BrokerDefaultKey; raw: unknown } & (
  | { state: BrokerValueState; ok: true; value: T }
  | { state: BrokerValueState; ok: false; problem: string }
  | { state: "unconfirmed"; ok: false; problem: string }
);

/** The broker durability view every broker rule reads. */
export interface BrokerDurability {
  declaration: BrokerDeclaration;
  defaultReplicationFactor: BrokerSetting<number>;
  minInsyncReplicas: BrokerSetting<number>;
  uncleanLeaderElection: BrokerSetting<boolean>;
  autoCreateTopics: BrokerSetting<boolean>;
  offsetsTopicReplicationFactor: BrokerSetting<number>;
  transactionLogReplicationFactor: BrokerSetting<number>;
  transactionLogMinIsr: BrokerSetting<number>;
  /** The topic defaults this configuration sets, inherited by topics of its cluster declared in the same stack. */
  declaredTopicDefaults: ClusterDefaults;
}

function brokerSetting<T>(
  declaration: BrokerDeclaration,
  read: BrokerEntries,
  key: BrokerDefaultKey,
  parse: (raw: unknown) => Parsed<T>,
): BrokerSetting<T> {
  if (!read.ok) return { key, raw: undefined, state: "set", ok: false, problem: read.problem };
  const declared = read.entries[key];
  const platform = declaration.platformDefaults?.[key];
  let state: BrokerValueState = "set";
  let raw: unknown = declared;
  if (declared === undefined || declared === null) {
    if (platform !== undefined && "unconfirmed" in platform) {
      return { key, raw: undefined, state: "unconfirmed", ok: false, problem: platform.unconfirmed };
    }
    [state, raw] =
      platform === undefined ? ["kafka-default", KAFKA_BROKER_DEFAULTS[key]] : ["platform-default", platform.value];
  }
  const parsed = parse(raw);
  return parsed.ok
    ? { key, raw, state, ok: true, value: parsed.value }
    : { key, raw, state, ok: false, problem: parsed.problem };
}

/** Interprets a broker configuration; values are read lazily, like topics. */
export function describeBrokerDurability(declaration: BrokerDeclaration): BrokerDurability {
  let read: BrokerEntries | undefined;
  const entries = (): BrokerEntries => (read ??= declaration.entries());
  return lazy<BrokerDurability>({
    declaration: () => declaration,
    defaultReplicationFactor: () =>
      brokerSetting(declaration, entries(), DEFAULT_REPLICATION_FACTOR, parsePositiveKafkaInt),
    minInsyncReplicas: () => brokerSetting(declaration, entries(), MIN_INSYNC_REPLICAS, parsePositiveKafkaInt),
    uncleanLeaderElection: () => brokerSetting(declaration, entries(), UNCLEAN_LEADER_ELECTION, parseKafkaBoolean),
    autoCreateTopics: () => brokerSetting(declaration, entries(), AUTO_CREATE_TOPICS, parseKafkaBoolean),
    offsetsTopicReplicationFactor: () =>
      brokerSetting(declaration, entries(), OFFSETS_TOPIC_REPLICATION_FACTOR, parsePositiveKafkaInt),
    transactionLogReplicationFactor: () =>
      brokerSetting(declaration, entries(), TRANSACTION_LOG_REPLICATION_FACTOR, parsePositiveKafkaInt),
    transactionLogMinIsr: () => brokerSetting(declaration, entries(), TRANSACTION_LOG_MIN_ISR, parsePositiveKafkaInt),
    declaredTopicDefaults: () => {
      const found = entries();
      const defaults: ClusterDefaults = {};
      if (!found.ok) return defaults;
      for (const key of [DEFAULT_REPLICATION_FACTOR, MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION] as const) {
        const value = found.entries[key];
        // A key left unset takes the platform's documented default (Aiven's), when it has one.
        const platform = declaration.platformDefaults?.[key];
        if (value !== undefined && value !== null) defaults[key] = String(value).trim();
        else if (platform !== undefined && "value" in platform) defaults[key] = platform.value;
      }
      return defaults;
    },
  });
}

/** A rule over one broker configuration. */
export interface BrokerRule extends RuleMetadata {
  /** The keys the rule checks; a platform that ignores all of them is not checked by it. */
  reads: readonly BrokerDefaultKey[];
  check(broker: BrokerDurability, thresholds: DurabilityThresholds): string[];
}

function brokerOrigin(setting: BrokerSetting<unknown>, declaration: BrokerDeclaration): string {
  const key = keyName(setting.key, declaration);
  switch (setting.state) {
    case "set":
      return `${key} is ${describeValue(setting.raw)}`;
    case "platform-default":
      return `${key} is not set, so the brokers use ${declaration.platform ?? "the platform"}'s default ${describeValue(setting.raw)}`;
    case "kafka-default":
      return `${key} is not set, so the brokers use Kafka's built-in default ${describeValue(setting.raw)}`;
    case "unconfirmed":
      return `${key} is not set, so ${setting.problem}`;
  }
}

/** A key as the platform's users write it. */
function keyName(key: BrokerDefaultKey, declaration: BrokerDeclaration): string {
  return declaration.keyNames?.[key] ?? key;
}

interface BrokerRuleSpec<T> extends Omit<BrokerRule, "check" | "reads"> {
  key: BrokerDefaultKey;
  setting: (broker: BrokerDurability) => BrokerSetting<T>;
  /** The compliant value to set, from the thresholds. */
  wanted: (thresholds: DurabilityThresholds) => T;
  complies: (value: T, wanted: T) => boolean;
  /** Why a non-compliant value loses messages. */
  consequence: (wanted: T) => string;
}

type SettingCheck<T> = Pick<BrokerRuleSpec<T>, "key" | "setting" | "wanted" | "complies" | "consequence">;

/**
 * Every broker setting reports the same way: `<subject>: <key> is <value>, <consequence>; <fix>.` A key the platform
 * ignores reports nothing.
 */
function checkSetting<T>(
  { key, setting, wanted, complies, consequence }: SettingCheck<T>,
  broker: BrokerDurability,
  thresholds: DurabilityThresholds,
): string[] {
  const { declaration } = broker;
  const { subject, fix, ignores } = declaration;
  if (ignores?.[key] !== undefined) return [];
  const found = setting(broker);
  const target = wanted(thresholds);
  const fixText = fix(found.key, String(target));
  if (found.state === "unconfirmed") return [`${subject}: ${brokerOrigin(found, declaration)}; ${fixText}.`];
  if (!found.ok) {
    const shown = found.raw === undefined ? "" : ` ${describeValue(found.raw)}`;
    return [`${subject}: ${keyName(found.key, declaration)}${shown} is malformed (${found.problem}); ${fixText}.`];
  }
  if (complies(found.value, target)) return [];
  return [`${subject}: ${brokerOrigin(found, declaration)}, ${consequence(target)}; ${fixText}.`];
}

function brokerRule<T>({ key, setting, wanted, complies, consequence, ...metadata }: BrokerRuleSpec<T>): BrokerRule {
  const spec = { key, setting, wanted, complies, consequence };
  return { ...metadata, reads: [key], check: (broker, thresholds) => checkSetting(spec, broker, thresholds) };
}

const atLeast = (value: number, wanted: number) => value >= wanted;
const isOff = (value: boolean) => !value;

export const brokerDefaultReplicationFactor: BrokerRule = brokerRule({
  id: "kafka-broker-default-replication-factor",
  title: "Broker default replication factor keeps enough replicas",
  description:
    "default.replication.factor in a cluster's broker configuration must be at least the configured minimum (default 3): auto-created topics and topics that do not set a replication factor get it.",
  remediation:
    "Set default.replication.factor to the minimum or more (3 by default) in the broker configuration: serverProperties of an MSK configuration, spec.kafka.config of a Strimzi Kafka.",
  severity: "high",
  key: DEFAULT_REPLICATION_FACTOR,
  setting: (broker) => broker.defaultReplicationFactor,
  wanted: (thresholds) => thresholds.minReplicationFactor,
  complies: atLeast,
  consequence: (wanted) =>
    `below the minimum of ${wanted}, so topics that do not set a replication factor keep fewer than ${wanted} copies`,
});

export const brokerMinInsyncReplicas: BrokerRule = brokerRule({
  id: "kafka-broker-min-insync-replicas",
  title: "Broker default min.insync.replicas is safe",
  description:
    "min.insync.replicas in a cluster's broker configuration must be at least the configured minimum (default 2): every topic that does not set it inherits it, and with 1 an acks=all write may live on the leader alone.",
  remediation:
    "Set min.insync.replicas to the minimum (2 by default) in the broker configuration, and keep it below default.replication.factor.",
  severity: "critical",
  key: MIN_INSYNC_REPLICAS,
  setting: (broker) => broker.minInsyncReplicas,
  wanted: (thresholds) => thresholds.minInsyncReplicas,
  complies: atLeast,
  consequence: (wanted) =>
    `below the minimum of ${wanted}, so topics that do not set it acknowledge acks=all writes stored on fewer than ${wanted} brokers`,
});

export const brokerNoUncleanLeaderElection: BrokerRule = brokerRule({
  id: "kafka-broker-no-unclean-leader-election",
  title: "Brokers do not allow unclean leader election",
  description:
    "unclean.leader.election.enable in a cluster's broker configuration must not be true: every topic that does not set it inherits it, and an out-of-sync replica elected leader truncates acknowledged messages.",
  remediation: "Set unclean.leader.election.enable to false in the broker configuration.",
  severity: "critical",
  key: UNCLEAN_LEADER_ELECTION,
  setting: (broker) => broker.uncleanLeaderElection,
  wanted: () => false,
  complies: isOff,
  consequence: () =>
    "and every topic that does not set it lets an out-of-sync replica become leader and lose acknowledged messages",
});

export const brokerNoAutoCreateTopics: BrokerRule = brokerRule({
  id: "kafka-broker-no-auto-create-topics",
  title: "Brokers do not create topics on first use",
  description:
    "auto.create.topics.enable in a cluster's broker configuration must be false: a topic created because a client named it gets the broker defaults and bypasses every topic guard (and a typo creates a topic that silently swallows messages).",
  remediation:
    "Set auto.create.topics.enable to false in the broker configuration and declare every topic in infrastructure code.",
  severity: "high",
  key: AUTO_CREATE_TOPICS,
  setting: (broker) => broker.autoCreateTopics,
  wanted: () => false,
  complies: isOff,
  consequence: () =>
    "and a producer or consumer that names a missing topic creates it with the broker defaults, outside every topic guard",
});

/** The settings of Kafka's internal topics, each checked like a broker default. */
const INTERNAL_TOPIC_SETTINGS: readonly SettingCheck<number>[] = [
  {
    key: OFFSETS_TOPIC_REPLICATION_FACTOR,
    setting: (broker) => broker.offsetsTopicReplicationFactor,
    wanted: (thresholds) => thresholds.minReplicationFactor,
    complies: atLeast,
    consequence: (wanted) =>
      `below the minimum of ${wanted}, so the offsets topic keeps every group's committed offsets on fewer than ${wanted} brokers (a commit is only as durable as that topic)`,
  },
  {
    key: TRANSACTION_LOG_REPLICATION_FACTOR,
    setting: (broker) => broker.transactionLogReplicationFactor,
    wanted: (thresholds) => thresholds.minReplicationFactor,
    complies: atLeast,
    consequence: (wanted) =>
      `below the minimum of ${wanted}, so the transaction state of transactional producers lives on fewer than ${wanted} brokers`,
  },
  {
    key: TRANSACTION_LOG_MIN_ISR,
    setting: (broker) => broker.transactionLogMinIsr,
    wanted: (thresholds) => thresholds.minInsyncReplicas,
    complies: atLeast,
    consequence: (wanted) =>
      `below the minimum of ${wanted}, so a transaction's state (and the offsets it commits) can be acknowledged by fewer than ${wanted} brokers`,
  },
];

export const brokerInternalTopics: BrokerRule = {
  id: "kafka-broker-internal-topics",
  title: "Kafka's internal topics are replicated like the data",
  description:
    "offsets.topic.replication.factor and transaction.state.log.replication.factor must be at least the configured minimum replication factor (default 3), and transaction.state.log.min.isr at least the minimum min.insync.replicas (default 2): committed consumer offsets and transaction state live in these topics, so a manual commit is only as durable as the offsets topic.",
  remediation:
    "Set offsets.topic.replication.factor and transaction.state.log.replication.factor to 3 or more and transaction.state.log.min.isr to 2 or more in the broker configuration, before the internal topics are first created (an existing internal topic keeps its replication factor until it is reassigned).",
  severity: "high",
  reads: INTERNAL_TOPIC_SETTINGS.map((spec) => spec.key),
  check: (broker, thresholds) => INTERNAL_TOPIC_SETTINGS.flatMap((spec) => checkSetting(spec, broker, thresholds)),
};

/** Every broker rule, in the order the pack lists its policies. */
export const BROKER_RULES: readonly BrokerRule[] = [
  brokerDefaultReplicationFactor,
  brokerMinInsyncReplicas,
  brokerNoUncleanLeaderElection,
  brokerNoAutoCreateTopics,
  brokerInternalTopics,
];
