import { DEFAULT_REPLICATION_FACTOR, MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION } from "./durability-keys";
import { describeValue, parseKafkaBoolean, parsePositiveKafkaInt } from "./kafka-values";
import { type DurabilityThresholds, KafkaguardConfigError, validateThresholds } from "./thresholds";
import type { ClusterDefaults } from "./topic-durability";

/** A topic-name pattern the pack does not enforce, with the reason that is echoed in every preview. */
export interface Exemption {
  pattern: string;
  reason: string;
  matcher: RegExp;
}

/** The validated configuration one policy runs with. */
export interface PolicySettings {
  thresholds: DurabilityThresholds;
  clusterDefaults: ClusterDefaults;
  exemptions: Exemption[];
}

const CLUSTER_DEFAULT_PARSERS = {
  [DEFAULT_REPLICATION_FACTOR]: parsePositiveKafkaInt,
  [MIN_INSYNC_REPLICAS]: parsePositiveKafkaInt,
  [UNCLEAN_LEADER_ELECTION]: parseKafkaBoolean,
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseClusterDefaults(input: unknown): ClusterDefaults {
  if (input === undefined) return {};
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

function parseExemptions(input: unknown): Exemption[] {
  if (input === undefined) return [];
  if (!Array.isArray(input))
    throw new KafkaguardConfigError(`exemptions must be an array, got ${describeValue(input)}`);
  return input.map((entry: unknown, index) => {
    const where = `exemptions[${index}]`;
    if (!isRecord(entry)) throw new KafkaguardConfigError(`${where} must be an object with pattern and reason`);
    const { pattern, reason } = entry;
    if (typeof pattern !== "string" || pattern.length === 0) {
      throw new KafkaguardConfigError(
        `${where}.pattern must be a non-empty string (a regular expression for topic names)`,
      );
    }
    if (typeof reason !== "string" || reason.trim().length === 0) {
      throw new KafkaguardConfigError(`${where}.reason is required so the exemption stays explained and visible`);
    }
    try {
      // Checked on its own first: "x)|(.*" only compiles once wrapped, and would then exempt every topic.
      new RegExp(pattern, "u");
    } catch (error) {
      // The engine's message repeats the pattern, which may span lines; keep only the reason.
      const why = (error as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, "");
      throw new KafkaguardConfigError(
        `${where}.pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${why}`,
      );
    }
    return { pattern, reason: reason.trim(), matcher: new RegExp(`^(?:${pattern})$`, "u") };
  });
}

/** The keys of a policy's configuration; the pack's config schema declares the same ones. */
export const POLICY_SETTING_KEYS = ["minReplicationFactor", "minInsyncReplicas", "clusterDefaults", "exemptions"];

/** Parses one policy's configuration as the pack receives it; throws a one-line KafkaguardConfigError. */
export function parsePolicySettings(input: unknown): PolicySettings {
  const config = input ?? {};
  if (!isRecord(config))
    throw new KafkaguardConfigError(`policy configuration must be an object, got ${describeValue(input)}`);
  // The CLI does not check top-level keys against the schema, so a misspelt setting would silently not apply.
  const unknown = Object.keys(config).find((key) => !POLICY_SETTING_KEYS.includes(key));
  if (unknown !== undefined) {
    throw new KafkaguardConfigError(
      `policy configuration has unknown key ${JSON.stringify(unknown)}; expected one of ${POLICY_SETTING_KEYS.join(", ")}`,
    );
  }
  return {
    thresholds: validateThresholds({
      minReplicationFactor: config["minReplicationFactor"],
      minInsyncReplicas: config["minInsyncReplicas"],
    }),
    clusterDefaults: parseClusterDefaults(config["clusterDefaults"]),
    exemptions: parseExemptions(config["exemptions"]),
  };
}

/** The first exemption whose pattern matches the whole topic name. */
export function findExemption(topicName: string, exemptions: readonly Exemption[]): Exemption | undefined {
  return exemptions.find((exemption) => exemption.matcher.test(topicName));
}
