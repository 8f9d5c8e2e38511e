import type { BrokerDurability, ClusterDeclaration } from "../../core";
import type { Props, ResourceKind } from "./props";
import type { ClusterLink, ClusterLinkKind } from "./topic-resources";

/** A resource as stack policies see it: the fields of @pulumi/policy's PolicyResource that the pack reads. */
export interface StackResource {
  type: string;
  name: string;
  urn: string;
  props: Props;
  provider?: { urn: string };
  dependencies: StackResource[];
  propertyDependencies: Record<string, StackResource[]>;
}

/** A Kafka cluster declared in the stack: its broker count and the broker config that topics inherit. */
export interface StackCluster {
  urn: string;
  subject: string;
  /** Undefined when the stack does not show the broker count (e.g. node pools declared elsewhere). */
  capacity: ClusterDeclaration | undefined;
  /** Undefined when the stack does not declare the cluster's broker configuration. */
  brokerConfig: BrokerDurability | undefined;
  /** How topics that name their cluster (rather than depend on it) name this one: a ClusterLink kind and key. */
  namedAs?: { kind: ClusterLinkKind; key: string };
}

/** Runs a read that may hit a value unknown during preview; the caller decides what an unknown means. */
export type Attempt = <T>(read: () => T) => T | undefined;

/**
 * How one provider's cluster resource is read as a StackCluster: its broker count and the broker config topics
 * inherit. Each platform adapter (policy-pack/platforms) declares its own.
 */
export interface ClusterShape extends ResourceKind {
  /** The ways a topic can reach this cluster (ClusterLink kinds). */
  reachedBy: readonly ClusterLinkKind[];
  /** False when the stack cannot show the cluster's broker count (an Aiven plan decides it). */
  countsBrokers: boolean;
  /** Further kinds read for the cluster's broker config (e.g. an MSK configuration). */
  brokerConfigFrom?: readonly ResourceKind[];
  /** Further kinds read to count its brokers (e.g. Strimzi node pools). */
  brokerCountFrom?: readonly ResourceKind[];
  read(resource: StackResource, resources: readonly StackResource[], attempt: Attempt): StackCluster;
}

/** The resources a resource refers to (dependencies and property dependencies) of the given types, once each. */
export function linkedOfType(resource: StackResource, types: readonly string[]): StackResource[] {
  const linked = [...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()];
  return [...new Map(linked.filter((r) => types.includes(r.type)).map((r) => [r.urn, r])).values()];
}

/** The clusters declared in a stack, and how topics reach them. */
export class StackModel {
  readonly clusters: StackCluster[];
  private readonly byUrn: Map<string, StackResource>;

  constructor(resources: readonly StackResource[], attempt: Attempt, shapes: readonly ClusterShape[]) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    this.clusters = resources.flatMap((r) => {
      const shape = shapes.find((candidate) => candidate.types.includes(r.type));
      const cluster = shape === undefined ? undefined : attempt(() => shape.read(r, resources, attempt));
      return cluster === undefined ? [] : [cluster];
    });
  }

  /** The cluster a topic belongs to, when the stack declares it and the link is unambiguous. */
  clusterOf(topic: StackResource, link: ClusterLink | undefined): StackCluster | undefined {
    if (link === undefined) return undefined;
    if (link.kind !== "dependencies") {
      return this.clusters.find((c) => c.namedAs?.kind === link.kind && c.namedAs.key === link.key);
    }
    const provider = topic.provider ? this.byUrn.get(topic.provider.urn) : undefined;
    const linked = new Set(
      [topic, ...(provider ? [provider] : [])].flatMap((r) =>
        [...r.dependencies, ...Object.values(r.propertyDependencies).flat()].map((d) => d.urn),
      ),
    );
    const candidates = this.clusters.filter((c) => linked.has(c.urn));
    return candidates.length === 1 ? candidates[0] : undefined;
  }
}
