import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
  type DurabilityRule,
  TOPIC_RULES,
  type TopicDurability,
  describeTopicDurability,
  findExemption,
} from "../../core";
import { topicShapeFor } from "../platforms";
import type { TopicResourceShape } from "../resources/topic-resources";
import { configSchemaFor } from "./config-schema";
import { recordExemption } from "./exemption-ledger";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings, type SettingsReader } from "./settings";

/** The topic shape of a resource; policies that only read topics are not applicable elsewhere. */
export function topicShapeOf(args: ResourceValidationArgs): TopicResourceShape {
  const shape = topicShapeFor(args.type);
  if (shape === undefined) args.notApplicable(`${args.type} is not a Kafka topic resource`);
  return shape;
}

/** Reads the topic behind a resource with the settings that apply to it and its exemption, if any. */
function readTopic(args: ResourceValidationArgs, settingsOf: SettingsReader) {
  const shape = topicShapeOf(args);
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

/**
 * True when the rule reads a value the topic inherits from a cluster the stack may declare: the stack policy
 * kafka-topic-inherited-settings judges it with that cluster's broker config instead.
 */
function leftToStack(shape: TopicResourceShape, rule: DurabilityRule, topic: TopicDurability): boolean {
  return shape.inheritsFromStack === true && rule.reads.some((setting) => topic[setting].source !== "topic");
}

/** One mandatory policy per durability rule, with remediation for `remediate` enforcement. */
export function topicPolicy(rule: DurabilityRule, pack: PackSettings): ResourceValidationPolicy {
  const settingsOf = pack.reader(rule.id);
  return {
    ...policyMetadata(rule),
    enforcementLevel: "mandatory",
    configSchema: configSchemaFor(rule.id),
    validateResource: (args, reportViolation) => {
      const read = readTopic(args, settingsOf);
      if (read.exempt) {
        recordExemption(args.urn, rule.id, read.exemption);
        return;
      }
      if (leftToStack(read.shape, rule, read.topic)) return;
      for (const message of rule.check(read.topic, read.settings.thresholds)) reportViolation(message);
    },
    remediateResource: (args) => {
      const read = readTopic(args, settingsOf);
      if (read.exempt || leftToStack(read.shape, rule, read.topic)) return undefined;
      const fix = rule.fix(read.topic, read.settings.thresholds);
      return fix === undefined ? undefined : read.shape.apply(args.props, fix);
    },
  };
}

export function topicPoliciesFor(pack: PackSettings): ResourceValidationPolicy[] {
  return TOPIC_RULES.map((rule) => topicPolicy(rule, pack));
}

export const topicPolicies = topicPoliciesFor(DEFAULT_PACK_SETTINGS);
