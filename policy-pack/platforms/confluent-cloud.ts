import { DEFAULT_REPLICATION_FACTOR, MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION } from "../../core";
import { type ProducerConfigShape, configPlace } from "../resources/producer-resources";
import { isRecord, mergeAt, nameOr, stringAt } from "../resources/props";
import type { TopicResourceShape } from "../resources/topic-resources";
import type { PlatformAdapter } from "./platform";

/** `confluentcloud.KafkaTopic` from @pulumi/confluentcloud: a string map `config`; the replication factor is fixed. */
export const confluentKafkaTopic: TopicResourceShape = {
  types: ["confluentcloud:index/kafkaTopic:KafkaTopic"],
  label: "@pulumi/confluentcloud KafkaTopic",
  read(props, resourceName) {
    return {
      topicName: nameOr(props["topicName"], resourceName),
      replicationFactorKey: "replication factor",
      replicationFactor: undefined,
      // Confluent Cloud replicates every topic 3 times and defaults min.insync.replicas to 2.
      platformDefaults: {
        from: "Confluent Cloud",
        values: { [DEFAULT_REPLICATION_FACTOR]: "3", [MIN_INSYNC_REPLICAS]: "2", [UNCLEAN_LEADER_ELECTION]: "false" },
      },
      get config() {
        return props["config"];
      },
    };
  },
  apply(props, fix) {
    // The replication factor is not configurable on Confluent Cloud; only config entries can be fixed.
    return fix.config === undefined ? props : mergeAt(props, ["config"], fix.config);
  },
};

/** `confluentcloud.Connector`: connector config split into configNonsensitive and configSensitive string maps. */
export const confluentConnector: ProducerConfigShape = {
  types: ["confluentcloud:index/connector:Connector"],
  label: "@pulumi/confluentcloud Connector",
  roles: ["connector"],
  places(props, name) {
    const nonsensitive = props["configNonsensitive"];
    const connectorName = isRecord(nonsensitive) ? stringAt(nonsensitive, "name") : undefined;
    const subject = `Confluent connector "${connectorName ?? name}"`;
    return ["configNonsensitive", "configSensitive"].map((key) =>
      configPlace(subject, () => props[key], "connector", key),
    );
  },
};

/** Confluent Cloud through @pulumi/confluentcloud 2.x (confluentcloud/*.d.ts). */
export const confluentCloud: PlatformAdapter = {
  platform: "Confluent Cloud (@pulumi/confluentcloud)",
  topics: [confluentKafkaTopic],
  producerConfigs: [confluentConnector],
  nothingToCheck: [
    {
      types: ["confluentcloud:index/kafkaAcl:KafkaAcl"],
      label: "@pulumi/confluentcloud KafkaAcl",
      reason: "access control, not storage",
    },
    {
      types: ["confluentcloud:index/kafkaClientQuota:KafkaClientQuota"],
      label: "@pulumi/confluentcloud KafkaClientQuota",
      reason: "client throughput limits",
    },
    {
      types: ["confluentcloud:index/kafkaCluster:KafkaCluster"],
      label: "@pulumi/confluentcloud KafkaCluster",
      reason: "Confluent Cloud keeps 3 replicas of every topic on every cluster type; topics are read from KafkaTopic",
    },
    {
      types: ["confluentcloud:index/kafkaClusterConfig:KafkaClusterConfig"],
      label: "@pulumi/confluentcloud KafkaClusterConfig",
      reason:
        "the cluster settings Confluent Cloud lets a Dedicated cluster change (auto-creation, partitions, retention, " +
        "TLS ciphers) leave replication as Confluent fixes it",
    },
    {
      types: ["confluentcloud:index/clusterLink:ClusterLink", "confluentcloud:index/kafkaMirrorTopic:KafkaMirrorTopic"],
      label: "@pulumi/confluentcloud ClusterLink and KafkaMirrorTopic",
      reason:
        "a mirror topic is a read-only copy on a Confluent Cloud cluster, replicated 3 times there; its source " +
        "topic is checked where it is declared",
    },
  ],
};
