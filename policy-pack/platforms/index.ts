import { isKafkaTypeToken } from "../../core";
import type { BrokerConfigShape } from "../resources/broker-resources";
import type { ClusterShape } from "../resources/cluster-resources";
import type { ProducerConfigShape } from "../resources/producer-resources";
import type { ResourceKind } from "../resources/props";
import type { ClusterLinkKind, TopicResourceShape } from "../resources/topic-resources";
import { aiven } from "./aiven";
import { awsMsk } from "./aws-msk";
import { awsMskConnect } from "./aws-msk-connect";
import { awsNativeMsk } from "./aws-native-msk";
import { confluentCloud } from "./confluent-cloud";
import { confluentForKubernetes } from "./confluent-for-kubernetes";
import type { NothingToCheck, PlatformAdapter } from "./platform";
import { pulumiKafka } from "./pulumi-kafka";
import { redpanda } from "./redpanda";
import { strimzi } from "./strimzi";

export type { NothingToCheck, PlatformAdapter };

/** Every platform kafkaguard reads: the one registry the policies, the coverage table and the docs derive from. */
export const PLATFORMS: readonly PlatformAdapter[] = [
  pulumiKafka,
  awsMsk,
  awsNativeMsk,
  awsMskConnect,
  aiven,
  confluentCloud,
  strimzi,
  confluentForKubernetes,
  redpanda,
];

export const TOPIC_RESOURCE_SHAPES: readonly TopicResourceShape[] = PLATFORMS.flatMap((p) => p.topics ?? []);
export const BROKER_CONFIG_SHAPES: readonly BrokerConfigShape[] = PLATFORMS.flatMap((p) => p.brokerConfigs ?? []);
export const CLUSTER_SHAPES: readonly ClusterShape[] = PLATFORMS.flatMap((p) => p.clusters ?? []);
export const PRODUCER_CONFIG_SHAPES: readonly ProducerConfigShape[] = PLATFORMS.flatMap((p) => p.producerConfigs ?? []);
export const NOTHING_TO_CHECK: readonly NothingToCheck[] = PLATFORMS.flatMap((p) => p.nothingToCheck ?? []);

/** What clusters read to count their brokers besides themselves (Strimzi node pools). */
export const BROKER_COUNT_SOURCES: readonly ResourceKind[] = uniqueKinds(
  CLUSTER_SHAPES.flatMap((c) => c.brokerCountFrom ?? []),
);

/** Resource kinds once each; a cluster that holds its own broker config is one kind read in two roles. */
export function uniqueKinds<T extends ResourceKind>(items: readonly T[]): T[] {
  return [...new Map(items.map((kind) => [kind.types.join(","), kind])).values()];
}

/** True when a kind is read as broker configuration (what topics inherit). */
export function isBrokerConfigKind(kind: ResourceKind): boolean {
  return BROKER_CONFIG_SHAPES.some((shape) => shape.types.join(",") === kind.types.join(","));
}

function shapeFor<T extends { types: readonly string[] }>(shapes: readonly T[], type: string): T | undefined {
  return shapes.find((shape) => shape.types.includes(type));
}

export const topicShapeFor = (type: string) => shapeFor(TOPIC_RESOURCE_SHAPES, type);
export const brokerConfigShapeFor = (type: string) => shapeFor(BROKER_CONFIG_SHAPES, type);
export const producerShapeFor = (type: string) => shapeFor(PRODUCER_CONFIG_SHAPES, type);

/** What a topic's cluster link can reach in a stack: the clusters, their broker configs and broker counts. */
export function reachedBy(link: ClusterLinkKind): ResourceKind[] {
  return uniqueKinds(
    CLUSTER_SHAPES.filter((cluster) => cluster.reachedBy.includes(link)).flatMap((cluster) => [
      cluster,
      ...(cluster.brokerConfigFrom ?? []),
      ...(cluster.brokerCountFrom ?? []),
    ]),
  );
}

/** Every type token some adapter reads (checked or used by a check). */
export const READ_TYPES: ReadonlySet<string> = new Set(
  [
    ...TOPIC_RESOURCE_SHAPES,
    ...BROKER_CONFIG_SHAPES,
    ...CLUSTER_SHAPES,
    ...BROKER_COUNT_SOURCES,
    ...PRODUCER_CONFIG_SHAPES,
  ].flatMap((kind) => kind.types),
);

/** How kafkaguard treats a resource type: read by an adapter, deliberately not read, or a Kafka resource it misses. */
export type KafkaResourceStatus = "read" | "nothing-to-check" | "unchecked" | "not-kafka";

export function kafkaResourceStatus(type: string): KafkaResourceStatus {
  if (READ_TYPES.has(type)) return "read";
  if (NOTHING_TO_CHECK.some((kind) => kind.types.includes(type))) return "nothing-to-check";
  return isKafkaTypeToken(type) ? "unchecked" : "not-kafka";
}
