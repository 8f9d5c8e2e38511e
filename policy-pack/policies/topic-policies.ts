import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
  type DurabilityRule,
  type PolicySettings,
  TOPIC_RULES,
  describeTopicDurability,
  findExemption,
  parsePolicySettings,
} from "../../core";
import { topicShapeFor } from "../resources/topic-resources";
import { TOPIC_POLICY_CONFIG_SCHEMA } from "./config-schema";
import { recordExemption } from "./exemption-ledger";

// Parsing is memoised on the raw JSON: the same configuration arrives for every resource.
const settingsCache = new Map<string, PolicySettings>();

function settingsOf(args: ResourceValidationArgs): PolicySettings {
  const raw = args.getConfig<object>();
  const cacheKey = JSON.stringify(raw);
  let settings = settingsCache.get(cacheKey);
  if (settings === undefined) {
    settings = parsePolicySettings(raw);
    settingsCache.set(cacheKey, settings);
  }
  return settings;
}

/** Reads the topic behind a resource with the settings that apply to it and its exemption, if any. */
function readTopic(args: ResourceValidationArgs) {
  const shape = topicShapeFor(args.type);
  if (shape === undefined) args.notApplicable(`${args.type} is not a Kafka topic resource`);
  const settings = settingsOf(args);
  const declaration = shape.read(args.props, args.name);
  const exemption = findExemption(declaration.topicName, settings.exemptions);
  // An exempt topic's other values are not read, so unknowns in them cannot block its preview.
  if (exemption !== undefined) return { exempt: true as const, exemption };
  return {
    exempt: false as const,
    shape,
    settings,
    topic: describeTopicDurability(declaration, settings.clusterDefaults),
  };
}

/** One mandatory policy per durability rule, with remediation for `remediate` enforcement. */
export function topicPolicy(rule: DurabilityRule): ResourceValidationPolicy {
  return {
    name: rule.id,
    displayName: rule.title,
    description: rule.description,
    remediationSteps: rule.remediation,
    severity: rule.severity,
    enforcementLevel: "mandatory",
    configSchema: TOPIC_POLICY_CONFIG_SCHEMA,
    validateResource: (args, reportViolation) => {
      const read = readTopic(args);
      if (read.exempt) {
        recordExemption(args.urn, rule.id, read.exemption);
        return;
      }
      for (const message of rule.check(read.topic, read.settings.thresholds)) reportViolation(message);
    },
    remediateResource: (args) => {
      const read = readTopic(args);
      if (read.exempt) return undefined;
      const fix = rule.fix(read.topic, read.settings.thresholds);
      return fix === undefined ? undefined : read.shape.apply(args.props, fix);
    },
  };
}

export const topicPolicies: ResourceValidationPolicy[] = TOPIC_RULES.map(topicPolicy);
