/** The pack's policy names in pack order: stable ids that users configure, so a change here is a breaking change. */
export const PACK_POLICY_NAMES = [
  "kafka-topic-min-replication-factor",
  "kafka-topic-min-insync-replicas",
  "kafka-topic-replicas-above-min-insync",
  "kafka-topic-no-unclean-leader-election",
  "kafka-topic-deletion-protection",
  "kafka-broker-default-replication-factor",
  "kafka-broker-min-insync-replicas",
  "kafka-broker-no-unclean-leader-election",
  "kafka-broker-no-auto-create-topics",
  "kafka-connect-durable-producer",
  "kafka-resource-unchecked",
  "kafka-topic-inherited-settings",
  "kafka-cluster-min-brokers",
  "kafka-topic-replicas-within-brokers",
  "kafka-topic-min-insync-below-brokers",
  "kafka-topic-exemption-notice",
];
