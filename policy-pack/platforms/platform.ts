import type { BrokerConfigShape } from "../resources/broker-resources";
import type { ClusterShape } from "../resources/cluster-resources";
import type { ProducerConfigShape } from "../resources/producer-resources";
import type { ResourceKind } from "../resources/props";
import type { TopicResourceShape } from "../resources/topic-resources";

/** Kafka resources of a platform that decide nothing about message loss, with the reason (ACLs, users, quotas, …). */
export interface NothingToCheck extends ResourceKind {
  reason: string;
}

/**
 * Everything kafkaguard reads from one platform's resources, and how it writes a fix back. A platform is one file
 * declaring one of these, registered in platforms/index.ts; the policies and the coverage table derive from them.
 */
export interface PlatformAdapter {
  /** The platform as users know it. */
  platform: string;
  topics?: readonly TopicResourceShape[];
  brokerConfigs?: readonly BrokerConfigShape[];
  clusters?: readonly ClusterShape[];
  producerConfigs?: readonly ProducerConfigShape[];
  /** Kafka resources of the platform that are deliberately not read; every other one is reported as unchecked. */
  nothingToCheck?: readonly NothingToCheck[];
}
