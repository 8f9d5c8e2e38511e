import type { PolicyConfigSchema } from "@pulumi/policy";
import { DEFAULT_THRESHOLDS } from "../../core";

// Kafka property values written as text, checked by the CLI (RE2 syntax) before any resource is analysed.
// Slightly stricter than the pack's own parse (only ASCII spaces around the value), so the message comes early.
const POSITIVE_INTEGER_TEXT = "^\\s*\\+?0*[1-9][0-9]*\\s*$";
const BOOLEAN_TEXT = "^\\s*(?i:true|false)\\s*$";

/**
 * Every configurable policy takes the same settings, so one configuration file can repeat one block per policy.
 * Topic, deletion and stack policies read all of it; broker policies read the thresholds.
 */
export const TOPIC_POLICY_CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    minReplicationFactor: {
      type: "integer",
      minimum: 2,
      default: DEFAULT_THRESHOLDS.minReplicationFactor,
      description:
        "Smallest replication factor a topic may have; also the smallest broker default.replication.factor and broker count.",
    },
    minInsyncReplicas: {
      type: "integer",
      minimum: 2,
      default: DEFAULT_THRESHOLDS.minInsyncReplicas,
      description:
        "Smallest effective min.insync.replicas a topic may have; also the smallest broker default min.insync.replicas.",
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
            // Checked by the CLI (RE2 syntax) before any resource is analysed; the pack then compiles it as a
            // JavaScript regular expression, so write patterns both accept (no lookaround or backreferences).
            format: "regex",
            description: "Regular expression matched against the whole topic name.",
          },
          reason: { type: "string", pattern: "\\S", description: "Why the topic is exempt." },
        },
        required: ["pattern", "reason"],
        additionalProperties: false,
      },
    },
  },
};
