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
  ],
};
