import type { TopicDeclaration, TopicFix } from "../../core";
import type { Props } from "./props";

/** How a topic's cluster can be found among the resources of a stack. */
export type ClusterLink =
  /**
   * The topic names its cluster, which the cluster shape of the same kind recognises by the same key: a Strimzi
   * resource by its strimzi.io/cluster label in its namespace, an Aiven topic by its project and service name, a
   * Confluent for Kubernetes topic by its kafkaClusterRef.
   */
  | { kind: "strimzi-label" | "aiven-service" | "cfk-cluster-ref"; key: string }
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
  /** A platform's own deletion guard on the resource, if it has one. */
  deletionGuard?(props: Props): { key: string; enabled: boolean };
}
