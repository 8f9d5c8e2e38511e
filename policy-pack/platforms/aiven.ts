import {
  AUTO_CREATE_TOPICS,
  type BrokerDefaultKey,
  type BrokerEntries,
  type ConfigNaming,
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  UNCLEAN_LEADER_ELECTION,
  describeBrokerDurability,
  describeValue,
} from "../../core";
import { brokerConfigShape } from "../resources/broker-resources";
import type { ClusterShape } from "../resources/cluster-resources";
import { type ProducerConfigShape, configPlace } from "../resources/producer-resources";
import { type Props, isRecord, mergeAt, nameOr, stringAt } from "../resources/props";
import type { TopicResourceShape } from "../resources/topic-resources";
import type { PlatformAdapter } from "./platform";

/** An Aiven service as its topics name it: `project` and `serviceName`. */
function aivenServiceKey(props: Props): string | undefined {
  const project = stringAt(props, "project");
  const service = stringAt(props, "serviceName");
  return project === undefined || service === undefined ? undefined : `${project}/${service}`;
}

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
  // Its Kafka service, when the same stack declares it, decides what unset keys inherit.
  link: {
    kind: "aiven-service",
    of(props) {
      const key = aivenServiceKey(props);
      return key === undefined ? undefined : { kind: "aiven-service", key };
    },
  },
  inheritsFromStack: true,
};

/** Aiven's typed broker fields for the keys kafkaguard checks (kafkaUserConfig.kafka; no unclean election field). */
const AIVEN_BROKER_FIELDS: Partial<Record<BrokerDefaultKey, string>> = {
  [AUTO_CREATE_TOPICS]: "autoCreateTopicsEnable",
  [DEFAULT_REPLICATION_FACTOR]: "defaultReplicationFactor",
  [MIN_INSYNC_REPLICAS]: "minInsyncReplicas",
};

/**
 * `aiven.Kafka`, the Kafka service: broker defaults in `kafkaUserConfig.kafka`, typed fields whose defaults Aiven
 * documents in aiven/types/input.d.ts (KafkaKafkaUserConfigKafka): auto-creation off, replication factor 3,
 * min.insync.replicas 1.
 */
export const aivenKafkaService = brokerConfigShape({
  types: ["aiven:index/kafka:Kafka"],
  label: "@pulumi/aiven Kafka",
  read(props, resourceName) {
    return {
      subject: `Aiven Kafka service "${stringAt(props, "serviceName") ?? resourceName}"`,
      entries(): BrokerEntries {
        const userConfig = props["kafkaUserConfig"];
        const kafka = isRecord(userConfig) ? userConfig["kafka"] : undefined;
        if (userConfig !== undefined && userConfig !== null && !isRecord(userConfig)) {
          return { ok: false, problem: `kafkaUserConfig is ${describeValue(userConfig)}, not an object` };
        }
        if (kafka === undefined || kafka === null) return { ok: true, entries: {} };
        if (!isRecord(kafka))
          return { ok: false, problem: `kafkaUserConfig.kafka is ${describeValue(kafka)}, not an object` };
        const entries: Record<string, unknown> = {};
        for (const [key, field] of Object.entries(AIVEN_BROKER_FIELDS)) {
          if (kafka[field] !== undefined) entries[key] = kafka[field];
        }
        return { ok: true, entries };
      },
      fix: (key, value) => `set kafkaUserConfig.kafka.${AIVEN_BROKER_FIELDS[key] ?? key} to ${value}`,
      platform: "Aiven",
      platformDefaults: {
        [AUTO_CREATE_TOPICS]: { value: "false" },
        [DEFAULT_REPLICATION_FACTOR]: { value: "3" },
        [MIN_INSYNC_REPLICAS]: { value: "1" },
      },
    };
  },
});

/** The Kafka service as the cluster of its topics; its broker count follows its plan, which kafkaguard does not read. */
const aivenKafkaCluster: ClusterShape = {
  types: aivenKafkaService.types,
  label: aivenKafkaService.label,
  reachedBy: ["aiven-service"],
  countsBrokers: false,
  brokerConfigFrom: [aivenKafkaService],
  read(resource) {
    const key = aivenServiceKey(resource.props);
    return {
      urn: resource.urn,
      subject: `Aiven Kafka service "${stringAt(resource.props, "serviceName") ?? resource.name}"`,
      capacity: undefined,
      brokerConfig: describeBrokerDurability(aivenKafkaService.read(resource.props, resource.name)),
      ...(key === undefined ? {} : { namedAs: { kind: "aiven-service" as const, key } }),
    };
  },
};

/** `aiven.KafkaConnector`: `config` is the connector config (string map). */
export const aivenKafkaConnector: ProducerConfigShape = {
  types: ["aiven:index/kafkaConnector:KafkaConnector"],
  label: "@pulumi/aiven KafkaConnector",
  roles: ["connector"],
  places(props, name) {
    const subject = `Aiven connector "${stringAt(props, "connectorName") ?? name}"`;
    return [configPlace(subject, () => props["config"], "connector", "config")];
  },
};

/**
 * `aiven.MirrorMakerReplicationFlow`: a MirrorMaker 2 source connector whose `replicationFactor` (number, optional)
 * is MirrorMaker 2's replication.factor for the mirrored topics. Unset, MirrorMaker 2's own default (2) is assumed:
 * Aiven documents no other.
 */
export const aivenReplicationFlow: ProducerConfigShape = {
  types: ["aiven:index/mirrorMakerReplicationFlow:MirrorMakerReplicationFlow"],
  label: "@pulumi/aiven MirrorMakerReplicationFlow",
  roles: ["mirror-source"],
  places(props, name) {
    const flow = [stringAt(props, "sourceCluster"), stringAt(props, "targetCluster")];
    const subject = `Aiven replication flow "${flow.every((c) => c !== undefined) ? flow.join(" → ") : name}"`;
    const config = () => {
      const replicationFactor = props["replicationFactor"];
      return replicationFactor === undefined ? {} : { "replication.factor": replicationFactor };
    };
    return [
      {
        ...configPlace(subject, config, "mirror-source", "replicationFactor"),
        where: (key: string) => (key === "replication.factor" ? "replicationFactor" : key),
      },
    ];
  },
};

/** Aiven for Apache Kafka through @pulumi/aiven 6.x (aiven/*.d.ts). */
export const aiven: PlatformAdapter = {
  platform: "Aiven for Apache Kafka (@pulumi/aiven)",
  topics: [aivenKafkaTopic],
  brokerConfigs: [aivenKafkaService],
  clusters: [aivenKafkaCluster],
  producerConfigs: [aivenKafkaConnector, aivenReplicationFlow],
  nothingToCheck: [
    {
      types: ["aiven:index/kafkaConnect:KafkaConnect"],
      label: "@pulumi/aiven KafkaConnect",
      reason:
        "its producer settings are batching and compression only (kafkaConnectUserConfig.kafkaConnect has no acks, " +
        "retries or idempotence), and Aiven runs its storage topics; connectors are read from KafkaConnector",
    },
    {
      types: ["aiven:index/kafkaMirrorMaker:KafkaMirrorMaker"],
      label: "@pulumi/aiven KafkaMirrorMaker",
      reason:
        "service settings are intervals and group filters; the mirrored topics' replication factor is read from " +
        "each MirrorMakerReplicationFlow",
    },
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
