import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
  type DurabilityRule,
  type Exemption,
  type PolicySettings,
  TOPIC_RULES,
  type TopicDurability,
  describeTopicDurability,
  findExemption,
} from "../../core";
import { TOPIC_RESOURCE_SHAPES, topicShapeFor } from "../platforms";
import { type TopicResourceShape, ignoredSetting } from "../resources/topic-resources";
import { configSchemaFor } from "./config-schema";
import type { CoveredPolicy } from "./covered";
import { recordExemption } from "./exemption-ledger";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings, type SettingsReader } from "./settings";
import { notApplicable } from "./not-applicable";

/** The topic shape of a resource; policies that only read topics are not applicable elsewhere. */
export function topicShapeOf(args: ResourceValidationArgs): TopicResourceShape {
  const shape = topicShapeFor(args.type);
  if (shape === undefined) notApplicable(args, `${args.type} is not a Kafka topic resource`);
  return shape;
}

/**
 * True when the rule reads a value the topic inherits from a cluster the stack may declare: the stack policy
 * kafka-topic-inherited-settings judges it with that cluster's broker config instead.
 */
function leftToStack(shape: TopicResourceShape, rule: DurabilityRule, topic: TopicDurability): boolean {
  return shape.inheritsFromStack === true && rule.reads.some((setting) => topic[setting].source !== "topic");
}

/** What a topic policy does with a resource; validation and remediation differ only in the last case. */
type TopicUnderRule =
  | { status: "ignored"; reason: string }
  | { status: "exempt"; exemption: Exemption }
  | { status: "left-to-stack" }
  | { status: "judged"; shape: TopicResourceShape; topic: TopicDurability; settings: PolicySettings };

function topicUnderRule(
  args: ResourceValidationArgs,
  rule: DurabilityRule,
  settingsOf: SettingsReader,
): TopicUnderRule {
  const shape = topicShapeOf(args);
  const ignored = ignoredSetting(shape, rule.reads);
  if (ignored !== undefined) return { status: "ignored", reason: `${shape.label}: ${ignored}` };
  const settings = settingsOf(args);
  const declaration = shape.read(args.props, args.name);
  const exemption = findExemption(declaration.topicName, settings.exemptions);
  // An exempt topic's other values are not read, so unknowns in them cannot block its preview.
  if (exemption !== undefined) return { status: "exempt", exemption };
  const topic = describeTopicDurability(declaration, settings.clusterDefaults);
  if (leftToStack(shape, rule, topic)) return { status: "left-to-stack" };
  return { status: "judged", shape, topic, settings };
}

/** One mandatory policy per durability rule, with remediation for `remediate` enforcement. */
export function topicPolicy(rule: DurabilityRule, pack: PackSettings): ResourceValidationPolicy {
  const settingsOf = pack.reader(rule.id);
  return {
    ...policyMetadata(rule),
    enforcementLevel: "mandatory",
    configSchema: configSchemaFor(rule.id),
    validateResource: (args, reportViolation) => {
      const read = topicUnderRule(args, rule, settingsOf);
      if (read.status === "ignored") return notApplicable(args, read.reason);
      if (read.status === "exempt") return recordExemption(args.urn, rule.id, read.exemption);
      if (read.status === "left-to-stack") return;
      for (const message of rule.check(read.topic, read.settings.thresholds)) reportViolation(message);
    },
    remediateResource: (args) => {
      const read = topicUnderRule(args, rule, settingsOf);
      if (read.status !== "judged") return undefined;
      const fix = rule.fix(read.topic, read.settings.thresholds);
      return fix === undefined ? undefined : read.shape.apply(args.props, fix);
    },
  };
}

/** The topic policies, each with the topic kinds it checks: not those whose platform ignores a setting it reads. */
export function coveredTopicPolicies(pack: PackSettings): CoveredPolicy[] {
  return TOPIC_RULES.map((rule) => ({
    policy: topicPolicy(rule, pack),
    checks: TOPIC_RESOURCE_SHAPES.filter((shape) => ignoredSetting(shape, rule.reads) === undefined),
  }));
}

export const topicPolicies = TOPIC_RULES.map((rule) => topicPolicy(rule, DEFAULT_PACK_SETTINGS));
