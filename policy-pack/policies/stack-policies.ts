import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import {
  type InheritedDefaults,
  type PolicySettings,
  type RuleMetadata,
  TOPIC_CLUSTER_RULES,
  TOPIC_RULES,
  type TopicClusterRule,
  type TopicDurability,
  clusterMinBrokers,
  describeTopicDurability,
  findExemption,
} from "../../core";
import { BROKER_CONFIG_SHAPES } from "../resources/broker-resources";
import {
  BROKER_COUNT_SOURCES,
  CLUSTER_KINDS,
  LINK_REACHES,
  type StackCluster,
  StackModel,
} from "../resources/cluster-resources";
import type { ResourceKind } from "../resources/props";
import { TOPIC_RESOURCE_SHAPES, type TopicResourceShape, topicShapeFor } from "../resources/topic-resources";
import { TOPIC_POLICY_CONFIG_SCHEMA } from "./config-schema";
import type { CoveredPolicy } from "./covered";
import { policyMetadata } from "./metadata";
import { settingsOf } from "./settings";
import { UnknownTracker } from "./unknowns";

/** Topic kinds whose cluster the stack policies can find. */
const LINKED_TOPIC_SHAPES = TOPIC_RESOURCE_SHAPES.filter((shape) => shape.link !== undefined);
/** Topic kinds whose inherited values the resource policies leave to kafka-topic-inherited-settings. */
const INHERITING_TOPIC_SHAPES = TOPIC_RESOURCE_SHAPES.filter((shape) => shape.inheritsFromStack === true);

/** The cluster-side kinds a set of topic kinds can reach through their links. */
function reachedFrom(shapes: readonly TopicResourceShape[]): ResourceKind[] {
  const kinds = shapes.flatMap((shape) => (shape.link ? LINK_REACHES[shape.link.kind] : []));
  return [...new Set(kinds)];
}

/** Everything one stack check works with. */
interface StackContext {
  resources: PolicyResource[];
  settings: PolicySettings;
  model: StackModel;
  unknowns: UnknownTracker;
  reportViolation: ReportViolation;
}

/** A mandatory stack policy on the shared settings block; unknowns only skip the checks that read them. */
function stackPolicy(rule: RuleMetadata, validate: (context: StackContext) => void): StackValidationPolicy {
  return {
    ...policyMetadata(rule),
    enforcementLevel: "mandatory",
    configSchema: TOPIC_POLICY_CONFIG_SCHEMA,
    validateStack: (args, reportViolation) => {
      const settings = settingsOf(args);
      const unknowns = new UnknownTracker();
      const model = new StackModel(args.resources, unknowns.attempt);
      validate({ resources: args.resources, settings, model, unknowns, reportViolation });
      unknowns.finish();
    },
  };
}

/**
 * What a topic inherits from its cluster's broker config when the stack declares that config. Read inside the
 * topic's own attempt: an unknown broker config skips the topic rather than falling back to other defaults.
 */
function inheritedFrom(cluster: StackCluster | undefined): InheritedDefaults | undefined {
  const broker = cluster?.brokerConfig;
  if (cluster === undefined || broker === undefined) return undefined;
  return { values: broker.declaredTopicDefaults, from: `the broker config of ${cluster.subject} in this stack` };
}

/** Calls back for every topic of the given kinds that is not exempt, read with what it inherits in the stack. */
function forEachTopic(
  context: StackContext,
  shapes: readonly TopicResourceShape[],
  check: (topic: TopicDurability, cluster: StackCluster | undefined, report: (message: string) => void) => void,
): void {
  const { resources, settings, model, unknowns, reportViolation } = context;
  for (const resource of resources) {
    const shape = topicShapeFor(resource.type);
    if (shape === undefined || !shapes.includes(shape)) continue;
    unknowns.attempt(() => {
      const declaration = shape.read(resource.props, resource.name);
      if (findExemption(declaration.topicName, settings.exemptions) !== undefined) return;
      const cluster = model.clusterOf(resource, shape.link?.of(resource.props));
      const topic = describeTopicDurability(declaration, settings.clusterDefaults, inheritedFrom(cluster));
      check(topic, cluster, (message) => reportViolation(message, resource.urn));
    });
  }
}

/** The topic rules applied to what a topic inherits from its cluster in the stack. */
const inheritedSettings: RuleMetadata = {
  id: "kafka-topic-inherited-settings",
  title: "Inherited topic settings are safe",
  description:
    "Applies the topic rules to the values a Strimzi KafkaTopic inherits for keys it does not set: from the broker config of its Kafka cluster when the same stack declares it, otherwise from clusterDefaults or Kafka's built-in defaults. The resource policies judge only what such a topic sets, because they cannot see the cluster.",
  remediation:
    "Set the key on the topic, or fix the broker default in the Kafka resource (spec.kafka.config) so every topic of the cluster inherits a safe value. Each message ends with the topic rule it comes from.",
  severity: "critical",
};

export const inheritedSettingsPolicy: StackValidationPolicy = stackPolicy(inheritedSettings, (context) =>
  forEachTopic(context, INHERITING_TOPIC_SHAPES, (topic, _cluster, report) => {
    for (const rule of TOPIC_RULES) {
      if (!rule.reads.some((setting) => topic[setting].source !== "topic")) continue;
      for (const message of rule.check(topic, context.settings.thresholds)) report(`${message} [${rule.id}]`);
    }
  }),
);

export const clusterMinBrokersPolicy: StackValidationPolicy = stackPolicy(
  clusterMinBrokers,
  ({ model, settings, unknowns, reportViolation }) => {
    for (const cluster of model.clusters) {
      const capacity = cluster.capacity;
      if (capacity === undefined) continue;
      const messages = unknowns.attempt(() => clusterMinBrokers.check(capacity, settings.thresholds)) ?? [];
      for (const message of messages) reportViolation(message, cluster.urn);
    }
  },
);

/** One stack policy per rule that compares a topic with the broker count of its cluster. */
function topicClusterPolicy(rule: TopicClusterRule): StackValidationPolicy {
  return stackPolicy(rule, (context) =>
    forEachTopic(context, LINKED_TOPIC_SHAPES, (topic, cluster, report) => {
      if (cluster?.capacity === undefined) return;
      for (const message of rule.check(topic, cluster.capacity)) report(message);
    }),
  );
}

/** The stack policies with what they check and read. */
export const stackPolicies: CoveredPolicy[] = [
  {
    policy: inheritedSettingsPolicy,
    checks: INHERITING_TOPIC_SHAPES,
    reads: reachedFrom(INHERITING_TOPIC_SHAPES).filter((kind) => BROKER_CONFIG_SHAPES.some((shape) => shape === kind)),
  },
  { policy: clusterMinBrokersPolicy, checks: CLUSTER_KINDS, reads: BROKER_COUNT_SOURCES },
  ...TOPIC_CLUSTER_RULES.map((rule) => ({
    policy: topicClusterPolicy(rule),
    checks: LINKED_TOPIC_SHAPES,
    reads: reachedFrom(LINKED_TOPIC_SHAPES),
  })),
];
