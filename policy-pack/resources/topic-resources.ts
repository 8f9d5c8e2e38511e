import type { DeletionGuards, TopicDeclaration, TopicFix, TopicSettingName } from "../../core";
import { type Props, nameOr } from "./props";

/** How a topic's cluster can be found among the resources of a stack. */
export type ClusterLink =
  /**
   * The topic names its cluster, which the cluster shape of the same kind recognises by the same key: a Strimzi
   * resource by its strimzi.io/cluster label in its namespace, an Aiven topic by its project and service name, a
   * Confluent for Kubernetes topic by its kafkaClusterRef, a Redpanda operator topic by its cluster.clusterRef.
   */
  | { kind: "strimzi-label" | "aiven-service" | "cfk-cluster-ref" | "redpanda-cluster-ref"; key: string }
  /** A @pulumi/kafka resource reaches its cluster through its provider's (or its own) dependencies. */
  | { kind: "dependencies" };

export type ClusterLinkKind = ClusterLink["kind"];

/**
 * How one provider's topic resource maps onto kafkaguard's topic declaration. Matched by type token
 * so the pack never loads provider SDKs; each platform adapter (policy-pack/platforms) declares its own.
 */
export interface TopicResourceShape {
  /** The type tokens this shape reads. */
  types: readonly string[];
  /** The resource as users know it, for messages and the coverage table. */
  label: string;
  read(props: Props, resourceName: string): TopicDeclaration;
  /** Returns new props with the fix applied; everything else is kept as declared. */
  apply(props: Props, fix: TopicFix): Props;
  /** How the stack policies find the topic's cluster; absent when the pack cannot link it. */
  link?: { kind: ClusterLinkKind; of(props: Props): ClusterLink | undefined };
  /**
   * True when the topic inherits unset keys from a cluster that the same stack may declare (Strimzi): the resource
   * policies then judge only what the topic sets, and the stack policy judges inherited values with the cluster's
   * real broker config.
   */
  inheritsFromStack?: boolean;
  /**
   * Topic settings the platform accepts but does not act on, with why (Redpanda ignores min.insync.replicas): the
   * rules that read one are not applicable to the shape.
   */
  ignores?: Partial<Record<TopicSettingName, string>>;
  /** A platform's own deletion guard on the resource, if it has one. */
  deletionGuard?(props: Props): NonNullable<DeletionGuards["platformGuard"]>;
}

/** Why a rule reading these settings does not apply to the shape's topics, or undefined when it does. */
export function ignoredSetting(shape: TopicResourceShape, reads: readonly TopicSettingName[]): string | undefined {
  return reads.map((setting) => shape.ignores?.[setting]).find((reason) => reason !== undefined);
}

/**
 * A topic whose name, replica count and config map are top-level properties, as the Terraform-bridged providers
 * declare it (@pulumi/kafka's Topic, @pulumiverse/redpanda's). Getters, so a value unknown at preview only affects
 * the policies that read it; on the prototype, since every topic of a stack is read this way by several policies.
 */
class TopLevelTopic implements TopicDeclaration {
  readonly replicationFactorKey = "replicationFactor";
  readonly topicName: string;

  constructor(
    private readonly props: Props,
    resourceName: string,
    private readonly configKey: string,
  ) {
    this.topicName = nameOr(props["name"], resourceName);
  }

  get replicationFactor(): unknown {
    return this.props["replicationFactor"];
  }

  get config(): unknown {
    return this.props[this.configKey];
  }
}

export function topLevelTopic(props: Props, resourceName: string, configKey: string): TopicDeclaration {
  return new TopLevelTopic(props, resourceName, configKey);
}
