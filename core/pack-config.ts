import type { RE2JS } from "re2js";
import {
  brokerDefaultReplicationFactor,
  brokerMinInsyncReplicas,
  brokerInternalTopics,
  brokerNoAutoCreateTopics,
  brokerNoUncleanLeaderElection,
} from "./broker-durability";
import { durableProducerOverrides, idempotentProducerOverrides } from "./client-presets";
import { connectInternalTopics } from "./connect-topics";
import { clusterMinBrokers, topicMinInsyncBelowBrokers, topicReplicasWithinBrokers } from "./cluster-capacity";
import { deletionProtection } from "./deletion-protection";
import { DEFAULT_REPLICATION_FACTOR, MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION } from "./durability-keys";
import { uncheckedKafkaResource } from "./kafka-resource-types";
import { describeValue, isRecord, parseKafkaBoolean, parsePositiveKafkaInt } from "./kafka-values";
import {
  type RuleMetadata,
  inheritedTopicSettings,
  minInsyncReplicas,
  minReplicationFactor,
  noUncleanLeaderElection,
  replicasAboveMinInsync,
} from "./rules";
import { DEFAULT_THRESHOLDS, type DurabilityThresholds, KafkaguardConfigError, validateThresholds } from "./thresholds";
import type { ClusterDefaults } from "./topic-durability";

/** A topic-name pattern a policy does not enforce, with the reason that is echoed in every preview. */
export interface Exemption {
  pattern: string;
  reason: string;
  /** Whole-name matcher with linear-time matching (RE2): a careless pattern cannot stall a preview. */
  matcher: { matches(topicName: string): boolean };
}

/** The validated settings one policy runs with. */
export interface PolicySettings {
  thresholds: DurabilityThresholds;
  clusterDefaults: ClusterDefaults;
  exemptions: Exemption[];
}

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The keys of the settings block: the shared block and every per-policy override take these. */
export type SettingKey = "minReplicationFactor" | "minInsyncReplicas" | "clusterDefaults" | "exemptions";

/** The advisory policy that echoes every exemption; it reads no settings. */
export const exemptionNoticeRule: RuleMetadata = {
  id: "kafka-topic-exemption-notice",
  title: "Exempt topics are reported",
  description:
    "Lists the kafkaguard policies a topic is exempt from and the reason given in the settings, whether a resource or a stack policy applied the exemption.",
  remediation: "Nothing to do if the exemption is still justified; otherwise remove it from the settings.",
  severity: "low",
};

const TOPIC_SETTINGS: readonly SettingKey[] = ["clusterDefaults", "exemptions"];

/**
 * Which settings each policy reads — the one table the parser, the pack's config schemas and the docs follow.
 * A policy accepts exactly these keys (and an enforcement level); any other key is refused.
 */
export const POLICY_SETTINGS: Readonly<Record<string, readonly SettingKey[]>> = {
  [minReplicationFactor.id]: ["minReplicationFactor", ...TOPIC_SETTINGS],
  [minInsyncReplicas.id]: ["minInsyncReplicas", ...TOPIC_SETTINGS],
  // Its remediation raises the replication factor above the minInsyncReplicas threshold.
  [replicasAboveMinInsync.id]: ["minInsyncReplicas", ...TOPIC_SETTINGS],
  [noUncleanLeaderElection.id]: TOPIC_SETTINGS,
  [deletionProtection.id]: ["exemptions"],
  [brokerDefaultReplicationFactor.id]: ["minReplicationFactor"],
  [brokerMinInsyncReplicas.id]: ["minInsyncReplicas"],
  [brokerNoUncleanLeaderElection.id]: [],
  [brokerNoAutoCreateTopics.id]: [],
  [brokerInternalTopics.id]: ["minReplicationFactor", "minInsyncReplicas"],
  [durableProducerOverrides.id]: [],
  [idempotentProducerOverrides.id]: [],
  [connectInternalTopics.id]: ["minReplicationFactor"],
  [uncheckedKafkaResource.id]: [],
  [inheritedTopicSettings.id]: ["minReplicationFactor", "minInsyncReplicas", ...TOPIC_SETTINGS],
  [clusterMinBrokers.id]: ["minReplicationFactor"],
  [topicReplicasWithinBrokers.id]: TOPIC_SETTINGS,
  [topicMinInsyncBelowBrokers.id]: TOPIC_SETTINGS,
  [exemptionNoticeRule.id]: [],
};

/** What a settings block resolves to: every kafkaguard policy with its enforcement level (if set) and settings. */
export interface KafkaguardSettings {
  policies: Record<string, { enforcementLevel?: EnforcementLevel; settings: PolicySettings }>;
}

/** The settings block as written: shared keys, and per-policy overrides in the shape of --policy-pack-config. */
export interface KafkaguardSettingsInput {
  minReplicationFactor?: number;
  minInsyncReplicas?: number;
  clusterDefaults?: Record<string, string | number | boolean>;
  exemptions?: { pattern: string; reason: string }[];
  policies?: Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;
}

const CLUSTER_DEFAULT_PARSERS = {
  [DEFAULT_REPLICATION_FACTOR]: parsePositiveKafkaInt,
  [MIN_INSYNC_REPLICAS]: parsePositiveKafkaInt,
  [UNCLEAN_LEADER_ELECTION]: parseKafkaBoolean,
} as const;

function parseClusterDefaults(input: unknown): ClusterDefaults {
  if (!isRecord(input))
    throw new KafkaguardConfigError(`clusterDefaults must be an object, got ${describeValue(input)}`);
  const defaults: ClusterDefaults = {};
  for (const [key, value] of Object.entries(input)) {
    if (!Object.prototype.hasOwnProperty.call(CLUSTER_DEFAULT_PARSERS, key)) {
      throw new KafkaguardConfigError(
        `clusterDefaults has unknown key ${JSON.stringify(key)}; expected one of ${Object.keys(CLUSTER_DEFAULT_PARSERS).join(", ")}`,
      );
    }
    const knownKey = key as keyof typeof CLUSTER_DEFAULT_PARSERS;
    const parsed = CLUSTER_DEFAULT_PARSERS[knownKey](value);
    if (!parsed.ok) throw new KafkaguardConfigError(`clusterDefaults.${key}: ${parsed.problem}`);
    defaults[knownKey] = String(value).trim();
  }
  return defaults;
}

/** RE2's error text ends with the pattern, which may span lines; keep the reason only. */
function syntaxProblem(error: unknown): string {
  return String((error as Error).message ?? error).replace(/:\s*`[\s\S]*`$/, "");
}

/** re2js is the largest module the pack would load at start-up (4 of its 18 ms here); only exemption patterns need it. */
function re2(): typeof RE2JS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("re2js") as typeof import("re2js")).RE2JS;
}

function parseExemptions(input: unknown): Exemption[] {
  if (!Array.isArray(input))
    throw new KafkaguardConfigError(`exemptions must be an array, got ${describeValue(input)}`);
  return input.map((entry: unknown, index) => {
    const where = `exemptions[${index}]`;
    if (!isRecord(entry)) throw new KafkaguardConfigError(`${where} must be an object with pattern and reason`);
    const unknownKey = Object.keys(entry).find((key) => key !== "pattern" && key !== "reason");
    if (unknownKey !== undefined) {
      throw new KafkaguardConfigError(
        `${where} has unknown key ${JSON.stringify(unknownKey)}; expected pattern, reason`,
      );
    }
    const { pattern, reason } = entry;
    if (typeof pattern !== "string" || pattern.length === 0) {
      throw new KafkaguardConfigError(
        `${where}.pattern must be a non-empty string (a regular expression for topic names)`,
      );
    }
    if (typeof reason !== "string" || reason.trim().length === 0) {
      throw new KafkaguardConfigError(`${where}.reason is required so the exemption stays explained and visible`);
    }
    let matcher: RE2JS;
    try {
      // Compiled on its own, never spliced into a larger pattern: "x)|(.*" must not become "exempt everything".
      // RE2 syntax, as the Pulumi CLI checks it; matching takes time linear in the name, whatever the pattern.
      matcher = re2().compile(pattern);
    } catch (error) {
      throw new KafkaguardConfigError(
        `${where}.pattern ${JSON.stringify(pattern)} is not a valid RE2 regular expression: ${syntaxProblem(error)}`,
      );
    }
    return { pattern, reason: reason.trim(), matcher: { matches: (topicName) => matcher.matches(topicName) } };
  });
}

/**
 * How each setting is read (like Kafka's ConfigDef): one entry per key. Parsing validates the value once and
 * returns how it changes a policy's settings; keys not given keep DEFAULT_THRESHOLDS, no cluster defaults and no
 * exemptions.
 */
const SETTING_DEFINITIONS: { [K in SettingKey]: (value: unknown) => (settings: PolicySettings) => void } = {
  minReplicationFactor: (value) => {
    const { minReplicationFactor } = validateThresholds({ minReplicationFactor: value });
    return (settings) => (settings.thresholds.minReplicationFactor = minReplicationFactor);
  },
  minInsyncReplicas: (value) => {
    const { minInsyncReplicas } = validateThresholds({ minInsyncReplicas: value });
    return (settings) => (settings.thresholds.minInsyncReplicas = minInsyncReplicas);
  },
  clusterDefaults: (value) => {
    const clusterDefaults = parseClusterDefaults(value);
    return (settings) => (settings.clusterDefaults = clusterDefaults);
  },
  exemptions: (value) => {
    const exemptions = parseExemptions(value);
    return (settings) => (settings.exemptions = exemptions);
  },
};
export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[];

function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as string[]).includes(key);
}

type ParsedBlock = Partial<Record<SettingKey, (settings: PolicySettings) => void>>;

/** Validates the given keys of one block; an error names the block ("settings" or a policy) and the key. */
function parseBlock(block: Partial<Record<SettingKey, unknown>>, where: string): ParsedBlock {
  const parsed: ParsedBlock = {};
  for (const key of SETTING_KEYS) {
    if (block[key] === undefined) continue;
    try {
      parsed[key] = SETTING_DEFINITIONS[key](block[key]);
    } catch (error) {
      if (!(error instanceof KafkaguardConfigError)) throw error;
      throw new KafkaguardConfigError(`${where}: ${error.message}`);
    }
  }
  return parsed;
}

function enforcementLevelOf(value: unknown, policy: string): EnforcementLevel {
  if (typeof value === "string" && (ENFORCEMENT_LEVELS as string[]).includes(value)) return value as EnforcementLevel;
  throw new KafkaguardConfigError(
    `${policy}: enforcementLevel must be one of ${ENFORCEMENT_LEVELS.join(", ")}, got ${describeValue(value)}`,
  );
}

/** One policy's override: an enforcement level alone (as in --policy-pack-config), or an object of settings. */
function policyOverride(
  policy: string,
  input: unknown,
): { enforcementLevel?: EnforcementLevel; block: Record<string, unknown> } {
  if (input === undefined) return { block: {} };
  if (typeof input === "string") return { enforcementLevel: enforcementLevelOf(input, policy), block: {} };
  if (!isRecord(input)) {
    throw new KafkaguardConfigError(
      `${policy}: its settings must be an enforcement level or an object, got ${describeValue(input)}`,
    );
  }
  const { enforcementLevel, ...block } = input;
  const reads = POLICY_SETTINGS[policy] ?? [];
  const unread = Object.keys(block).find((key) => !(reads as string[]).includes(key));
  if (unread !== undefined) {
    const accepted = ["enforcementLevel", ...reads].join(", ");
    throw new KafkaguardConfigError(
      `${policy} does not read ${JSON.stringify(unread)}; it accepts ${accepted}${isSettingKey(unread) ? "" : " (is it misspelt?)"}`,
    );
  }
  return enforcementLevel === undefined
    ? { block }
    : { enforcementLevel: enforcementLevelOf(enforcementLevel, policy), block };
}

/**
 * Parses and validates kafkaguard's settings block — the file the pack reads from KAFKAGUARD_SETTINGS and the
 * object `kafkaguardPolicies()` takes — into the settings of every policy: the shared keys (thresholds, cluster
 * defaults, exemptions) go to each policy that reads them, then `policies.<name>` overrides apply. Throws a
 * one-line KafkaguardConfigError naming the key (and the policy) on any unknown key or bad value.
 */
export function parseKafkaguardSettings(input: unknown): KafkaguardSettings {
  const block = input ?? {};
  if (!isRecord(block)) throw new KafkaguardConfigError(`settings must be an object, got ${describeValue(input)}`);
  const shared: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, value] of Object.entries(block)) {
    if (key === "policies") continue;
    if (!isSettingKey(key)) {
      throw new KafkaguardConfigError(
        `settings have unknown key ${JSON.stringify(key)}; expected one of ${[...SETTING_KEYS, "policies"].join(", ")}`,
      );
    }
    shared[key] = value;
  }
  const sharedParsed = parseBlock(shared, "settings");
  const overrides = block["policies"] ?? {};
  if (!isRecord(overrides)) {
    throw new KafkaguardConfigError(
      `settings.policies must be an object of policy names, got ${describeValue(overrides)}`,
    );
  }
  const unknownPolicy = Object.keys(overrides).find(
    (name) => !Object.prototype.hasOwnProperty.call(POLICY_SETTINGS, name),
  );
  if (unknownPolicy !== undefined) {
    throw new KafkaguardConfigError(
      `settings.policies has unknown policy ${JSON.stringify(unknownPolicy)}; kafkaguard's policies are ${Object.keys(POLICY_SETTINGS).join(", ")}`,
    );
  }

  const policies: KafkaguardSettings["policies"] = {};
  for (const [policy, reads] of Object.entries(POLICY_SETTINGS)) {
    const override = policyOverride(policy, overrides[policy]);
    const own = parseBlock(override.block, policy);
    const settings: PolicySettings = { thresholds: { ...DEFAULT_THRESHOLDS }, clusterDefaults: {}, exemptions: [] };
    for (const key of reads) (own[key] ?? sharedParsed[key])?.(settings);
    policies[policy] =
      override.enforcementLevel === undefined
        ? { settings }
        : { enforcementLevel: override.enforcementLevel, settings };
  }
  return { policies };
}

/** The first exemption whose pattern matches the whole topic name. */
export function findExemption(topicName: string, exemptions: readonly Exemption[]): Exemption | undefined {
  return exemptions.find((exemption) => exemption.matcher.matches(topicName));
}
