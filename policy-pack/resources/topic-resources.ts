import {
  type ConfigNaming,
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  type TopicDeclaration,
  type TopicFix,
  UNCLEAN_LEADER_ELECTION,
} from "../../core";
import {
  type Props,
  isRecord,
  kubernetesName,
  mergeAt,
  recordAt,
  stringAt,
  strimziClusterLabel,
  strimziTypes,
} from "./props";

/** How a topic's cluster can be found among the resources of a stack. */
export type ClusterLink =
  /** A Strimzi resource names its Kafka cluster with the strimzi.io/cluster label, in its namespace. */
  | { kind: "strimzi-label"; cluster: string; namespace: string | undefined }
  /** A @pulumi/kafka resource reaches its cluster through its provider's (or its own) dependencies. */
  | { kind: "dependencies" };

export type ClusterLinkKind = ClusterLink["kind"];

/**
 * How one provider's topic resource maps onto kafkaguard's topic declaration. Matched by type token
 * so the pack never loads provider SDKs.
 */
export interface TopicResourceShape {
  /** The type tokens this shape reads. */
  types: readonly string[];
  /** The resource as users know it, for messages and the coverage table. */
  label: string;
  read(props: Props, resourceName: string): TopicDeclaration;
  /** Returns new props with the fix applied; everything else is kept as declared. */
  apply(props: Props, fix: TopicFix): Props;
  /** How the stack policies find the topic's cluster; absent when the pack cannot link it. */
  link?: { kind: ClusterLinkKind; of(props: Props): ClusterLink | undefined };
  /**
   * True when the topic inherits unset keys from a cluster that the same stack may declare (Strimzi): the resource
   * policies then judge only what the topic sets, and the stack policy judges inherited values with the cluster's
   * real broker config.
   */
  inheritsFromStack?: boolean;
  /** A platform's own deletion guard on the resource, if it has one. */
  deletionGuard?(props: Props): { key: string; enabled: boolean };
}

function nameOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

/** `kafka.Topic` from @pulumi/kafka: `replicationFactor` plus a string map `config`. */
export const pulumiKafkaTopic: TopicResourceShape = {
  types: ["kafka:index/topic:Topic"],
  label: "@pulumi/kafka Topic",
  read(props, resourceName) {
    return {
      topicName: nameOr(props["name"], resourceName),
      replicationFactorKey: "replicationFactor",
      // Getters, so a value unknown at preview only affects the policies that read it.
      get replicationFactor() {
        return props["replicationFactor"];
      },
      get config() {
        return props["config"];
      },
    };
  },
  apply(props, fix) {
    const fixed = fix.config === undefined ? props : mergeAt(props, ["config"], fix.config);
    return fix.replicationFactor === undefined ? fixed : { ...fixed, replicationFactor: fix.replicationFactor };
  },
  link: { kind: "dependencies", of: () => ({ kind: "dependencies" }) },
};

/** The Kafka config map inside an MSK topic's `configs` JSON string; the text itself when it is not a JSON object. */
function parseJsonConfig(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : value;
  } catch {
    return value;
  }
}

/** MSK topic config keys live in a JSON object string: they are named, and fixed, inside `configs`. */
const MSK_TOPIC_NAMING: ConfigNaming = {
  settingKey: (kafkaKey) => `configs["${kafkaKey}"]`,
  fixKey: (kafkaKey) => `"${kafkaKey}" in the configs JSON`,
  value: (_kafkaKey, value) => JSON.stringify(value),
};

/**
 * `aws.msk.Topic` from @pulumi/aws (7.x): `replicationFactor` (number), `partitionCount`, and `configs`, the topic
 * config as a JSON object string (aws/msk/topic.d.ts); `clusterArn` links it to its MSK cluster.
 */
export const mskTopic: TopicResourceShape = {
  types: ["aws:msk/topic:Topic"],
  label: "@pulumi/aws msk.Topic",
  read(props, resourceName) {
    return {
      topicName: nameOr(props["name"], resourceName),
      replicationFactorKey: "replicationFactor",
      naming: MSK_TOPIC_NAMING,
      get replicationFactor() {
        return props["replicationFactor"];
      },
      get config() {
        return parseJsonConfig(props["configs"]);
      },
    };
  },
  apply(props, fix) {
    const declared = props["configs"] === undefined ? {} : parseJsonConfig(props["configs"]);
    // A configs text that is not a JSON object is left for its owner to fix: rewriting it would drop what it says.
    const fixed =
      fix.config === undefined || !isRecord(declared)
        ? props
        : { ...props, configs: JSON.stringify({ ...declared, ...fix.config }) };
    return fix.replicationFactor === undefined ? fixed : { ...fixed, replicationFactor: fix.replicationFactor };
  },
  link: { kind: "dependencies", of: () => ({ kind: "dependencies" }) },
};

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

/** Strimzi's config maps take typed YAML values: numbers and booleans are written as such. */
const STRIMZI_NAMING: ConfigNaming = {
  settingKey: (kafkaKey) => `spec.config["${kafkaKey}"]`,
  fixKey: (kafkaKey) => `spec.config["${kafkaKey}"]`,
  value: (_kafkaKey, value) => value,
};

function typedValue(value: string): string | number | boolean {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  return value;
}

/**
 * Strimzi `KafkaTopic` custom resources, declared with @pulumi/kubernetes as a CustomResource or rendered from YAML
 * (ConfigFile/ConfigGroup children get the same type token): spec.topicName (default metadata.name), spec.replicas,
 * spec.config; the strimzi.io/cluster label names the Kafka cluster.
 */
export const strimziKafkaTopic: TopicResourceShape = {
  types: strimziTypes("KafkaTopic"),
  label: "Strimzi KafkaTopic (@pulumi/kubernetes)",
  read(props, resourceName) {
    return {
      get topicName() {
        return stringAt(recordAt(props, "spec"), "topicName") ?? kubernetesName(props).name ?? resourceName;
      },
      replicationFactorKey: "spec.replicas",
      naming: STRIMZI_NAMING,
      get replicationFactor() {
        return recordAt(props, "spec")["replicas"];
      },
      get config() {
        return recordAt(props, "spec")["config"];
      },
    };
  },
  apply(props, fix) {
    const config = Object.fromEntries(Object.entries(fix.config ?? {}).map(([key, value]) => [key, typedValue(value)]));
    const fixed = fix.config === undefined ? props : mergeAt(props, ["spec", "config"], config);
    return fix.replicationFactor === undefined ? fixed : mergeAt(fixed, ["spec"], { replicas: fix.replicationFactor });
  },
  link: {
    kind: "strimzi-label",
    of(props) {
      const cluster = strimziClusterLabel(props);
      return cluster === undefined
        ? undefined
        : { kind: "strimzi-label", cluster, namespace: kubernetesName(props).namespace };
    },
  },
  inheritsFromStack: true,
};

export const TOPIC_RESOURCE_SHAPES: readonly TopicResourceShape[] = [
  pulumiKafkaTopic,
  mskTopic,
  aivenKafkaTopic,
  confluentKafkaTopic,
  strimziKafkaTopic,
];

export function topicShapeFor(type: string): TopicResourceShape | undefined {
  return TOPIC_RESOURCE_SHAPES.find((shape) => shape.types.includes(type));
}
