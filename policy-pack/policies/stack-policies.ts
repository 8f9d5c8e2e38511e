import type { PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import {
  type InheritedDefaults,
  inheritedTopicSettings,
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
import {
  BROKER_COUNT_SOURCES,
  CLUSTER_SHAPES,
  TOPIC_RESOURCE_SHAPES,
  isBrokerConfigKind,
  reachedBy,
  topicShapeFor,
  uniqueKinds,
} from "../platforms";
import { type StackCluster, StackModel } from "../resources/cluster-resources";
import type { ResourceKind } from "../resources/props";
import { type TopicResourceShape, ignoredSetting } from "../resources/topic-resources";
import { configSchemaFor } from "./config-schema";
import type { CoveredPolicy } from "./covered";
import { policyMetadata } from "./metadata";
import { recordExemption } from "./exemption-ledger";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";
import { UnknownTracker } from "./unknowns";

/** Cluster kinds whose broker count the stack shows. */
const SIZED_CLUSTER_SHAPES = CLUSTER_SHAPES.filter((cluster) => cluster.countsBrokers);
/** Topic kinds that can reach a cluster whose broker count the stack shows. */
const LINKED_TOPIC_SHAPES = TOPIC_RESOURCE_SHAPES.filter((shape) =>
  SIZED_CLUSTER_SHAPES.some((cluster) => shape.link !== undefined && cluster.reachedBy.includes(shape.link.kind)),
);
/** Topic kinds whose inherited values the resource policies leave to kafka-topic-inherited-settings. */
const INHERITING_TOPIC_SHAPES = TOPIC_RESOURCE_SHAPES.filter((shape) => shape.inheritsFromStack === true);

/** The cluster-side kinds a set of topic kinds can reach through their links. */
function reachedFrom(shapes: readonly TopicResourceShape[]): ResourceKind[] {
  const kinds = shapes.flatMap((shape) => (shape.link ? reachedBy(shape.link.kind) : []));
  return uniqueKinds(kinds);
}

/** Everything one stack check works with. */
interface StackContext {
  /** The policy being run, which an exemption is recorded for. */
  policy: string;
  resources: PolicyResource[];
  settings: PolicySettings;
  model: StackModel;
  unknowns: UnknownTracker;
  reportViolation: ReportViolation;
}

/** A mandatory stack policy on the settings it reads; unknowns only skip the checks that read them. */
function stackPolicy(
  rule: RuleMetadata,
  pack: PackSettings,
  validate: (context: StackContext) => void,
): StackValidationPolicy {
  const settingsOf = pack.reader(rule.id);
  return {
    ...policyMetadata(rule),
    enforcementLevel: "mandatory",
    configSchema: configSchemaFor(rule.id),
    validateStack: (args, reportViolation) => {
      const settings = settingsOf(args);
      const unknowns = new UnknownTracker();
      const model = new StackModel(args.resources, unknowns.attempt, CLUSTER_SHAPES);
      validate({ policy: rule.id, resources: args.resources, settings, model, unknowns, reportViolation });
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
  check: (
    topic: TopicDurability,
    cluster: StackCluster | undefined,
    report: (message: string) => void,
    shape: TopicResourceShape,
  ) => void,
): void {
  const { policy, resources, settings, model, unknowns, reportViolation } = context;
  for (const resource of resources) {
    const shape = topicShapeFor(resource.type);
    if (shape === undefined || !shapes.includes(shape)) continue;
    unknowns.attempt(() => {
      const declaration = shape.read(resource.props, resource.name);
      const exemption = findExemption(declaration.topicName, settings.exemptions);
      if (exemption !== undefined) return recordExemption(resource.urn, policy, exemption);
      const cluster = model.clusterOf(resource, shape.link?.of(resource.props));
      const topic = describeTopicDurability(declaration, settings.clusterDefaults, inheritedFrom(cluster));
      check(topic, cluster, (message) => reportViolation(message, resource.urn), shape);
    });
  }
}

function inheritedSettingsPolicyFor(pack: PackSettings): StackValidationPolicy {
  return stackPolicy(inheritedTopicSettings, pack, (context) =>
    forEachTopic(context, INHERITING_TOPIC_SHAPES, (topic, _cluster, report, shape) => {
      for (const rule of TOPIC_RULES) {
        if (ignoredSetting(shape, rule.reads) !== undefined) continue;
        if (!rule.reads.some((setting) => topic[setting].source !== "topic")) continue;
        for (const message of rule.check(topic, context.settings.thresholds)) report(`${message} [${rule.id}]`);
      }
    }),
  );
}

function clusterMinBrokersPolicy(pack: PackSettings): StackValidationPolicy {
  return stackPolicy(clusterMinBrokers, pack, ({ model, settings, unknowns, reportViolation }) => {
    for (const cluster of model.clusters) {
      const capacity = cluster.capacity;
      if (capacity === undefined) continue;
      const messages = unknowns.attempt(() => clusterMinBrokers.check(capacity, settings.thresholds)) ?? [];
      for (const message of messages) reportViolation(message, cluster.urn);
    }
  });
}

/** The topic kinds a topic-cluster rule checks: linked ones whose platform does not ignore a setting it reads. */
function checkedBy(rule: TopicClusterRule): TopicResourceShape[] {
  return LINKED_TOPIC_SHAPES.filter((shape) => ignoredSetting(shape, rule.reads) === undefined);
}

/** One stack policy per rule that compares a topic with the broker count of its cluster. */
function topicClusterPolicy(rule: TopicClusterRule, pack: PackSettings): StackValidationPolicy {
  const shapes = checkedBy(rule);
  return stackPolicy(rule, pack, (context) =>
    forEachTopic(context, shapes, (topic, cluster, report) => {
      if (cluster?.capacity === undefined) return;
      for (const message of rule.check(topic, cluster.capacity)) report(message);
    }),
  );
}

/** The stack policies with what they check and read. */
export function stackPoliciesFor(pack: PackSettings): CoveredPolicy[] {
  return [
    {
      policy: inheritedSettingsPolicyFor(pack),
      checks: INHERITING_TOPIC_SHAPES,
      reads: reachedFrom(INHERITING_TOPIC_SHAPES).filter(isBrokerConfigKind),
    },
    { policy: clusterMinBrokersPolicy(pack), checks: SIZED_CLUSTER_SHAPES, reads: BROKER_COUNT_SOURCES },
    ...TOPIC_CLUSTER_RULES.map((rule) => ({
      policy: topicClusterPolicy(rule, pack),
      checks: checkedBy(rule),
      reads: reachedFrom(checkedBy(rule)),
    })),
  ];
}

export const stackPolicies = stackPoliciesFor(DEFAULT_PACK_SETTINGS);
export const inheritedSettingsPolicy = inheritedSettingsPolicyFor(DEFAULT_PACK_SETTINGS);
