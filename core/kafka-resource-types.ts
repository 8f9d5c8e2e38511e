import type { RuleMetadata } from "./rules";

/**
 * Which Pulumi type tokens ("package:module:Resource", or "kubernetes:group/version:Kind") belong to Kafka, so that
 * a Kafka resource no adapter reads is reported instead of passing in silence. Other "topics" (SNS, Pub/Sub,
 * Event Grid) are not Kafka and stay silent.
 */
export const KAFKA_TYPE_PATTERNS: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^(kafka|redpanda):/, why: "a Kafka provider's resource (@pulumi/kafka, Redpanda)" },
  {
    pattern: /^kubernetes:([a-z0-9-]+\.)*(strimzi\.io|platform\.confluent\.io|redpanda\.com)\//,
    why: "a Kafka operator's custom resource (Strimzi, Confluent for Kubernetes, Redpanda)",
  },
  { pattern: /^kubernetes:[^/:]*kafka[^/:]*\//i, why: "a custom resource of a Kubernetes API group named after Kafka" },
  {
    pattern: /^[^:]+:([^:]*\/)?(msk|kafka|mirrormaker|redpanda|strimzi)[^:]*:/i,
    why: "a resource of a module named after Kafka (aws:msk, aws:mskconnect, aws-native:kafkaconnect)",
  },
  { pattern: /^[^:]+:[^:]*:[^:]*(kafka|mirrormaker)[^:]*$/i, why: "a resource named after Kafka or MirrorMaker" },
  {
    pattern: /^confluentcloud:index\/(connector|clusterLink):/,
    why: "Confluent Cloud's Kafka Connect connectors and cluster links",
  },
];

/** True when a type token names a Kafka resource. Providers themselves (pulumi:providers:…) are not resources to check. */
export function isKafkaTypeToken(type: string): boolean {
  if (type.startsWith("pulumi:")) return false;
  return KAFKA_TYPE_PATTERNS.some(({ pattern }) => pattern.test(type));
}

/** The advisory policy for Kafka resources kafkaguard does not read. */
export const uncheckedKafkaResource: RuleMetadata & { message(type: string, name: string): string } = {
  id: "kafka-resource-unchecked",
  title: "Kafka resources kafkaguard cannot read are named",
  description:
    "Reports every resource whose type is a Kafka resource (by provider, module, name or Kubernetes API group) that no kafkaguard platform adapter reads, so nothing Kafka passes the preview unchecked without a word.",
  remediation:
    "Check the resource's durability settings by hand (replication factor, min.insync.replicas, unclean leader election, producer acks and idempotence), or make this policy mandatory to stop Kafka resources kafkaguard cannot judge.",
  severity: "medium",
  message: (type, name) =>
    `Resource "${name}" (${type}) is a Kafka resource that kafkaguard does not read, so its durability settings were not checked; check its replication, min.insync.replicas, unclean leader election and producer settings by hand.`,
};
