import { type ConfigNaming, MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION } from "../../core";
import { type Props, isRecord, mergeAt, nameOr } from "../resources/props";
import type { TopicResourceShape } from "../resources/topic-resources";
import type { PlatformAdapter } from "./platform";

/** Aiven's typed topic config fields for the durability keys (aiven.KafkaTopic `config`). */
const AIVEN_CONFIG_FIELDS: Record<string, string> = {
  [MIN_INSYNC_REPLICAS]: "minInsyncReplicas",
  [UNCLEAN_LEADER_ELECTION]: "uncleanLeaderElectionEnable",
};

function aivenField(kafkaKey: string): string {
  return AIVEN_CONFIG_FIELDS[kafkaKey] ?? kafkaKey;
}

/** Aiven types min.insync.replicas as a string and unclean.leader.election.enable as a boolean. */
const AIVEN_NAMING: ConfigNaming = {
  settingKey: (kafkaKey) => `config.${aivenField(kafkaKey)}`,
  fixKey: (kafkaKey) => `config.${aivenField(kafkaKey)}`,
  value: (kafkaKey, value) => (kafkaKey === UNCLEAN_LEADER_ELECTION ? value : JSON.stringify(value)),
};

/** `aiven.KafkaTopic` from @pulumi/aiven: `replication` (number) and a typed `config` block. */
export const aivenKafkaTopic: TopicResourceShape = {
  types: ["aiven:index/kafkaTopic:KafkaTopic"],
  label: "@pulumi/aiven KafkaTopic",
  read(props, resourceName) {
    return {
      topicName: nameOr(props["topicName"], resourceName),
      replicationFactorKey: "replication",
      naming: AIVEN_NAMING,
      get replicationFactor() {
        return props["replication"];
      },
      // The typed fields seen as Kafka keys; each value is read only when a rule asks for it.
      get config() {
        const config = props["config"];
        if (!isRecord(config)) return config;
        const view: Props = {};
        for (const [kafkaKey, field] of Object.entries(AIVEN_CONFIG_FIELDS)) {
          Object.defineProperty(view, kafkaKey, { enumerable: true, get: () => config[field] });
        }
        return view;
      },
    };
  },
  apply(props, fix) {
    const changes: Props = {};
    for (const [kafkaKey, value] of Object.entries(fix.config ?? {})) {
      changes[aivenField(kafkaKey)] = kafkaKey === UNCLEAN_LEADER_ELECTION ? value === "true" : value;
    }
    const fixed = fix.config === undefined ? props : mergeAt(props, ["config"], changes);
    return fix.replicationFactor === undefined ? fixed : { ...fixed, replication: fix.replicationFactor };
  },
  deletionGuard: (props) => ({ key: "terminationProtection", enabled: props["terminationProtection"] === true }),
};

/** Aiven for Apache Kafka through @pulumi/aiven 6.x (aiven/*.d.ts). */
export const aiven: PlatformAdapter = {
  platform: "Aiven for Apache Kafka (@pulumi/aiven)",
  topics: [aivenKafkaTopic],
  nothingToCheck: [
    {
      types: [
        "aiven:index/kafkaAcl:KafkaAcl",
        "aiven:index/kafkaNativeAcl:KafkaNativeAcl",
        "aiven:index/kafkaSchemaRegistryAcl:KafkaSchemaRegistryAcl",
      ],
      label: "@pulumi/aiven Kafka ACLs",
      reason: "access control, not storage",
    },
    { types: ["aiven:index/kafkaQuota:KafkaQuota"], label: "@pulumi/aiven KafkaQuota", reason: "client limits" },
    {
      types: ["aiven:index/kafkaSchema:KafkaSchema", "aiven:index/kafkaSchemaConfiguration:KafkaSchemaConfiguration"],
      label: "@pulumi/aiven Kafka schemas",
      reason: "message formats, not storage",
    },
    { types: ["aiven:index/kafkaUser:KafkaUser"], label: "@pulumi/aiven KafkaUser", reason: "a client credential" },
  ],
};
