import type { PolicyConfigSchema } from "@pulumi/policy";
import { DEFAULT_THRESHOLDS } from "../../core";

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
        "default.replication.factor": { type: ["string", "integer"] },
        "min.insync.replicas": { type: ["string", "integer"] },
        "unclean.leader.election.enable": { type: ["string", "boolean"] },
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
            description: "Regular expression matched against the whole topic name.",
          },
          reason: { type: "string", minLength: 1, description: "Why the topic is exempt." },
        },
        required: ["pattern", "reason"],
        additionalProperties: false,
      },
    },
  },
};
