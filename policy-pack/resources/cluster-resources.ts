import {
  type BrokerDurability,
  type ClusterDeclaration,
  brokerCount,
  describeBrokerDurability,
  nodePoolBrokerCount,
} from "../../core";
import { MSK_CONFIGURATION_TYPE, STRIMZI_KAFKA_TYPES, mskConfiguration, strimziKafka } from "./broker-resources";
import {
  type Props,
  type ResourceKind,
  kubernetesName,
  recordAt,
  stringAt,
  strimziClusterLabel,
  strimziTypes,
  valueAt,
} from "./props";
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
  /** Set for Strimzi clusters, which topics name by label. */
  strimzi?: { name: string; namespace: string | undefined };
}

export const MSK_CLUSTER_TYPE = "aws:msk/cluster:Cluster";
export const STRIMZI_NODE_POOL_TYPES = strimziTypes("KafkaNodePool");

const MSK_CLUSTER: ResourceKind = { types: [MSK_CLUSTER_TYPE], label: "@pulumi/aws msk.Cluster" };
const STRIMZI_NODE_POOL: ResourceKind = {
  types: STRIMZI_NODE_POOL_TYPES,
  label: "Strimzi KafkaNodePool (@pulumi/kubernetes)",
};

/** The cluster kinds whose broker count the pack reads (reported on), and what else it reads to count. */
export const CLUSTER_KINDS: readonly ResourceKind[] = [MSK_CLUSTER, strimziKafka];
export const BROKER_COUNT_SOURCES: readonly ResourceKind[] = [STRIMZI_NODE_POOL];

/** What a topic's cluster link can reach in a stack: the cluster, its broker count and its broker config. */
export const LINK_REACHES: Readonly<Record<ClusterLinkKind, readonly ResourceKind[]>> = {
  "strimzi-label": [strimziKafka, STRIMZI_NODE_POOL],
  dependencies: [MSK_CLUSTER, mskConfiguration, strimziKafka, STRIMZI_NODE_POOL],
};

/** Runs a read that may hit a value unknown during preview; the caller decides what an unknown means. */
export type Attempt = <T>(read: () => T) => T | undefined;

function linkedOfType(resource: StackResource, types: readonly string[]): StackResource[] {
  const linked = [...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()];
  return [...new Map(linked.filter((r) => types.includes(r.type)).map((r) => [r.urn, r])).values()];
}

function mskCluster(resource: StackResource, resources: readonly StackResource[], attempt: Attempt): StackCluster {
  const { props } = resource;
  const subject = `MSK cluster "${stringAt(props, "clusterName") ?? resource.name}"`;
  // The configuration is found by dependency (configurationInfo.arn refers to it), or by ARN once deployed.
  const byDependency = linkedOfType(resource, [MSK_CONFIGURATION_TYPE]);
  const arn = attempt(() => valueAt(props, ["configurationInfo", "arn"]));
  const configuration =
    byDependency.length === 1
      ? byDependency[0]
      : resources.find(
          (r) => r.type === MSK_CONFIGURATION_TYPE && arn !== undefined && attempt(() => r.props["arn"]) === arn,
        );
  return {
    urn: resource.urn,
    subject,
    capacity: {
      subject,
      brokersKey: "numberOfBrokerNodes",
      get brokers() {
        return brokerCount(props["numberOfBrokerNodes"]);
      },
      fix: (brokers) => `set numberOfBrokerNodes to ${brokers} or more`,
    },
    brokerConfig: configuration
      ? describeBrokerDurability(mskConfiguration.read(configuration.props, configuration.name))
      : undefined,
  };
}

function hasRole(pool: StackResource, role: string): boolean {
  const roles = recordAt(pool.props, "spec")["roles"];
  return Array.isArray(roles) && roles.includes(role);
}

function strimziCluster(resource: StackResource, resources: readonly StackResource[], attempt: Attempt): StackCluster {
  const { props } = resource;
  const { name = resource.name, namespace } = kubernetesName(props);
  const subject = `Strimzi Kafka "${name}"`;
  const pools = resources.filter(
    (r) =>
      STRIMZI_NODE_POOL_TYPES.includes(r.type) &&
      attempt(() => strimziClusterLabel(r.props) === name && kubernetesName(r.props).namespace === namespace),
  );
  const replicas = attempt(() => valueAt(props, ["spec", "kafka", "replicas"]));
  const annotations = recordAt(recordAt(props, "metadata"), "annotations");
  // Node pools decide the brokers when enabled (always in the v1 API), or when Kafka has no replicas of its own.
  const usesNodePools =
    annotations["strimzi.io/node-pools"] === "enabled" ||
    resource.type.includes("/v1:") ||
    replicas === undefined ||
    replicas === null ||
    pools.length > 0;
  const brokerPools = pools.filter((pool) => attempt(() => hasRole(pool, "broker")));
  let capacity: ClusterDeclaration | undefined;
  if (!usesNodePools) {
    capacity = {
      subject,
      brokersKey: "spec.kafka.replicas",
      brokers: brokerCount(replicas),
      fix: (brokers) => `set spec.kafka.replicas to ${brokers} or more`,
    };
  } else if (brokerPools.length > 0) {
    const names = brokerPools.map((pool) => `"${kubernetesName(pool.props).name ?? pool.name}"`).join(", ");
    capacity = {
      subject,
      brokersKey: `replicas of broker-role KafkaNodePools ${names}`,
      get brokers() {
        return nodePoolBrokerCount(
          brokerPools.map((pool) => ({
            name: kubernetesName(pool.props).name ?? pool.name,
            replicas: recordAt(pool.props, "spec")["replicas"],
          })),
        );
      },
      fix: (brokers) => `give the broker-role KafkaNodePools of ${subject} ${brokers} or more replicas in total`,
    };
  }
  return {
    urn: resource.urn,
    subject,
    capacity,
    brokerConfig: describeBrokerDurability(strimziKafka.read(props, resource.name)),
    strimzi: { name, namespace },
  };
}

/** The clusters declared in a stack, and how topics reach them. */
export class StackModel {
  readonly clusters: StackCluster[];
  private readonly byUrn: Map<string, StackResource>;

  constructor(resources: readonly StackResource[], attempt: Attempt) {
    this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    this.clusters = resources.flatMap((r) => {
      const read = () =>
        r.type === MSK_CLUSTER_TYPE
          ? mskCluster(r, resources, attempt)
          : STRIMZI_KAFKA_TYPES.includes(r.type)
            ? strimziCluster(r, resources, attempt)
            : undefined;
      const cluster = attempt(read);
      return cluster === undefined ? [] : [cluster];
    });
  }

  /** The cluster a topic belongs to, when the stack declares it and the link is unambiguous. */
  clusterOf(topic: StackResource, link: ClusterLink | undefined): StackCluster | undefined {
    if (link === undefined) return undefined;
    if (link.kind === "strimzi-label") {
      return this.clusters.find((c) => c.strimzi?.name === link.cluster && c.strimzi.namespace === link.namespace);
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
