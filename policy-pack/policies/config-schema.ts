import type { PolicyConfigSchema } from "@pulumi/policy";
import { DEFAULT_THRESHOLDS, POLICY_SETTINGS, type SettingKey } from "../../core";

// Kafka property values written as text, checked by the CLI (RE2 syntax) before any resource is analysed.
// Slightly stricter than the pack's own parse (only ASCII spaces around the value), so the message comes early.
const POSITIVE_INTEGER_TEXT = "^\\s*\\+?0*[1-9][0-9]*\\s*$";
const BOOLEAN_TEXT = "^\\s*(?i:true|false)\\s*$";

// No "default" values: the CLI would write them into every policy's configuration, where they would override
// the pack's settings block.
const SETTING_SCHEMAS: Record<SettingKey, PolicyConfigSchema["properties"][string]> = {
  minReplicationFactor: {
    type: "integer",
    minimum: 2,
    description: `Smallest replication factor a topic may have (default ${DEFAULT_THRESHOLDS.minReplicationFactor}); also the smallest broker default.replication.factor and broker count.`,
  },
  minInsyncReplicas: {
    type: "integer",
    minimum: 2,
    description: `Smallest effective min.insync.replicas a topic may have (default ${DEFAULT_THRESHOLDS.minInsyncReplicas}); also the smallest broker default min.insync.replicas.`,
  },
  clusterDefaults: {
    type: "object",
    description:
      "The cluster's real broker defaults, used for keys a topic does not set (otherwise Kafka's built-in defaults apply).",
    properties: {
      "default.replication.factor": { type: ["string", "integer"], minimum: 1, pattern: POSITIVE_INTEGER_TEXT },
      "min.insync.replicas": { type: ["string", "integer"], minimum: 1, pattern: POSITIVE_INTEGER_TEXT },
      "unclean.leader.election.enable": { type: ["string", "boolean"], pattern: BOOLEAN_TEXT },
    },
    additionalProperties: false,
  },
  exemptions: {
    type: "array",
    description: "Topics this policy does not enforce. Each needs a reason; it is shown at every preview.",
    items: {
      type: "object",
      properties: {
        pattern: {
          type: "string",
          minLength: 1,
          // Checked by the CLI (RE2 syntax) before any resource is analysed; the pack matches with RE2 too.
          format: "regex",
          description: "Regular expression (RE2 syntax) matched against the whole topic name.",
        },
        reason: { type: "string", pattern: "\\S", description: "Why the topic is exempt." },
      },
      required: ["pattern", "reason"],
      additionalProperties: false,
    },
  },
};

/** The configuration schema of one policy: exactly the settings it reads (POLICY_SETTINGS); none when it reads none. */
export function configSchemaFor(policy: string): PolicyConfigSchema | undefined {
  const reads = POLICY_SETTINGS[policy] ?? [];
  if (reads.length === 0) return undefined;
  return { properties: Object.fromEntries(reads.map((key) => [key, SETTING_SCHEMAS[key]])) };
}
