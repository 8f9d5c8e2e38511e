import {
  AUTO_CREATE_TOPICS,
  type BrokerDeclaration,
  type BrokerEntries,
  type ConfigNaming,
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  OFFSETS_TOPIC_REPLICATION_FACTOR,
  TRANSACTION_LOG_MIN_ISR,
  TRANSACTION_LOG_REPLICATION_FACTOR,
  UNCLEAN_LEADER_ELECTION,
  brokerCount,
  describeBrokerDurability,
  describeValue,
  isRecord,
  parseJavaProperties,
} from "../../core";
import { type BrokerConfigShape, brokerConfigShape } from "../resources/broker-resources";
import { type ClusterShape, linkedOfType } from "../resources/cluster-resources";
import { type Props, nameOr, stringAt, valueAt } from "../resources/props";
import type { TopicResourceShape } from "../resources/topic-resources";
import type { PlatformAdapter } from "./platform";

/**
 * Amazon MSK through @pulumi/aws 7.x (aws/msk/*.d.ts). The readers are shared with the Cloud Control provider
 * (aws-native-msk.ts), whose MSK resources have the same property names.
 */

/** From "Configuration properties for MSK Serverless clusters" in the Amazon MSK Developer Guide. */
export const MSK_SERVERLESS =
  "Amazon MSK sets a serverless cluster's broker configuration and does not let it be changed; of the topic " +
  "configs only cleanup.policy, compression, message size, timestamps and retention are editable";
/**
 * An MSK Replicator (aws/types/input.d.ts ReplicatorReplicationInfoList…, aws-native/types/input.d.ts
 * ReplicatorTopicReplicationArgs) declares topics to copy, starting positions, names and compression; no replication
 * factor, acks or min.insync.replicas. Its topics on the target are replicated as that cluster decides, and
 * copyTopicConfigurations (on by default) copies the source topics' configs to them: both are checked where those
 * clusters and topics are declared.
 */
export const MSK_REPLICATOR =
  "an asynchronous copy between clusters with no replication factor, acks or min.insync.replicas of its own; the " +
  "target cluster's configuration and the source topics' configs (copied by copyTopicConfigurations) decide";
/** A channel (MSK Data Delivery) reads a topic and delivers it to Amazon S3. */
export const MSK_CHANNEL = "a managed reader that delivers a topic to Amazon S3; it writes nothing to Kafka";

const AZ_DEPENDENT = "MSK picks it from the cluster's Availability Zone count (lower for a cluster in 2 zones)";

/** An MSK configuration: `serverProperties` is server.properties text, read as java.util.Properties reads it. */
export function mskConfigurationShape(type: string, label: string): BrokerConfigShape {
  return brokerConfigShape({
    types: [type],
    label,
    read(props, resourceName) {
      return {
        subject: `MSK configuration "${stringAt(props, "name") ?? resourceName}"`,
        entries(): BrokerEntries {
          const text = props["serverProperties"];
          if (typeof text !== "string") {
            return { ok: false, problem: `serverProperties is ${describeValue(text)}, not properties text` };
          }
          const parsed = parseJavaProperties(text);
          return parsed.ok
            ? { ok: true, entries: parsed.entries }
            : { ok: false, problem: `serverProperties: ${parsed.problem}` };
        },
        fix: (key, value) => `set the line "${key}=${value}" in serverProperties`,
        platform: "Amazon MSK",
        // From the "Default Amazon MSK configuration" table: auto-creation is off; the replication defaults
        // follow the cluster's Availability Zone count, which a configuration does not show.
        platformDefaults: {
          [AUTO_CREATE_TOPICS]: { value: "false" },
          [DEFAULT_REPLICATION_FACTOR]: {
            unconfirmed: "MSK picks it from the cluster's Availability Zone count (2 for a cluster in 2 zones)",
          },
          [MIN_INSYNC_REPLICAS]: { unconfirmed: AZ_DEPENDENT },
          [UNCLEAN_LEADER_ELECTION]: {
            unconfirmed: "MSK's own default applies, which this configuration does not pin to false",
          },
          [OFFSETS_TOPIC_REPLICATION_FACTOR]: { unconfirmed: AZ_DEPENDENT },
          [TRANSACTION_LOG_REPLICATION_FACTOR]: { unconfirmed: AZ_DEPENDENT },
          [TRANSACTION_LOG_MIN_ISR]: { unconfirmed: AZ_DEPENDENT },
        },
      };
    },
  });
}

/**
 * Express brokers (instance types "express.*") fix these, whatever a configuration says: "Express brokers
 * read-only configurations" in the Amazon MSK Developer Guide.
 */
const EXPRESS_FIXED = { [DEFAULT_REPLICATION_FACTOR]: "3", [MIN_INSYNC_REPLICAS]: "2" } as const;

/** The cluster's broker config on Express brokers: its configuration with the fixed values written over it. */
function onExpressBrokers(subject: string, configuration: BrokerDeclaration | undefined): BrokerDeclaration {
  return {
    subject: configuration?.subject ?? subject,
    fix: configuration?.fix ?? ((key, value) => `set "${key}=${value}" in the cluster's MSK configuration`),
    entries(): BrokerEntries {
      const declared = configuration?.entries() ?? { ok: true, entries: {} };
      return declared.ok ? { ok: true, entries: { ...declared.entries, ...EXPRESS_FIXED } } : declared;
    },
    platform: "Amazon MSK Express brokers",
    // The fixed keys are always in the entries, so only the configuration's defaults for other keys can apply.
    platformDefaults: configuration?.platformDefaults,
  };
}

/**
 * An MSK cluster: `numberOfBrokerNodes`, and the configuration `configurationInfo.arn` names, found by dependency
 * (the ARN refers to it) or by ARN once deployed. On Express brokers, the fixed values replace the configuration's.
 */
export function mskClusterShape(type: string, label: string, configuration: BrokerConfigShape): ClusterShape {
  return {
    types: [type],
    label,
    reachedBy: ["dependencies"],
    countsBrokers: true,
    brokerConfigFrom: [configuration],
    read(resource, resources, attempt) {
      const { props } = resource;
      const subject = `MSK cluster "${stringAt(props, "clusterName") ?? resource.name}"`;
      const instanceType = attempt(() => valueAt(props, ["brokerNodeGroupInfo", "instanceType"]));
      const express = typeof instanceType === "string" && instanceType.startsWith("express.");
      const byDependency = linkedOfType(resource, configuration.types);
      const arn = attempt(() => valueAt(props, ["configurationInfo", "arn"]));
      const found =
        byDependency.length === 1
          ? byDependency[0]
          : resources.find(
              (r) => configuration.types.includes(r.type) && arn !== undefined && attempt(() => r.props["arn"]) === arn,
            );
      const declared = found ? configuration.read(found.props, found.name) : undefined;
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
        brokerConfig: express
          ? describeBrokerDurability(onExpressBrokers(subject, declared))
          : declared && describeBrokerDurability(declared),
      };
    },
  };
}

/** MSK topic config keys live in one encoded text: they are named, and fixed, inside `configs`. */
function mskTopicNaming(encoding: string): ConfigNaming {
  return {
    settingKey: (kafkaKey) => `configs["${kafkaKey}"]`,
    fixKey: (kafkaKey) => `"${kafkaKey}" in the configs ${encoding}`,
    value: (_kafkaKey, value) => JSON.stringify(value),
  };
}

/** How an MSK topic resource encodes its config map in the `configs` string. */
export interface TopicConfigsCodec {
  /** Named in messages, e.g. "JSON". */
  name: string;
  /** The config map, or the text itself when it is not one (reported as malformed). */
  decode(text: string): unknown;
  encode(config: Record<string, unknown>): string;
}

export const JSON_CONFIGS: TopicConfigsCodec = {
  name: "JSON",
  decode(text) {
    try {
      const parsed: unknown = JSON.parse(text);
      return isRecord(parsed) ? parsed : text;
    } catch {
      return text;
    }
  },
  encode: (config) => JSON.stringify(config),
};

/**
 * An MSK topic: `replicationFactor` (number), `partitionCount`, and `configs`, the topic config encoded in one
 * string; `clusterArn` links it to its MSK cluster.
 */
export function mskTopicShape(
  type: string,
  label: string,
  nameKey: string,
  codec: TopicConfigsCodec,
): TopicResourceShape {
  const decode = (value: unknown): unknown => (typeof value === "string" ? codec.decode(value) : value);
  return {
    types: [type],
    label,
    read(props, resourceName) {
      return {
        topicName: nameOr(props[nameKey], resourceName),
        replicationFactorKey: "replicationFactor",
        naming: mskTopicNaming(codec.name),
        get replicationFactor() {
          return props["replicationFactor"];
        },
        get config() {
          return decode(props["configs"]);
        },
      };
    },
    apply(props: Props, fix) {
      const declared = props["configs"] === undefined ? {} : decode(props["configs"]);
      // A configs text that cannot be read is left for its owner to fix: rewriting it would drop what it says.
      const fixed =
        fix.config === undefined || !isRecord(declared)
          ? props
          : { ...props, configs: codec.encode({ ...declared, ...fix.config }) };
      return fix.replicationFactor === undefined ? fixed : { ...fixed, replicationFactor: fix.replicationFactor };
    },
    link: { kind: "dependencies", of: () => ({ kind: "dependencies" }) },
  };
}

export const mskConfiguration = mskConfigurationShape(
  "aws:msk/configuration:Configuration",
  "@pulumi/aws msk.Configuration",
);

export const awsMsk: PlatformAdapter = {
  platform: "Amazon MSK (@pulumi/aws)",
  topics: [mskTopicShape("aws:msk/topic:Topic", "@pulumi/aws msk.Topic", "name", JSON_CONFIGS)],
  brokerConfigs: [mskConfiguration],
  clusters: [mskClusterShape("aws:msk/cluster:Cluster", "@pulumi/aws msk.Cluster", mskConfiguration)],
  nothingToCheck: [
    {
      types: ["aws:msk/clusterPolicy:ClusterPolicy"],
      label: "@pulumi/aws msk.ClusterPolicy",
      reason: "an IAM resource policy",
    },
    {
      types: [
        "aws:msk/scramSecretAssociation:ScramSecretAssociation",
        "aws:msk/singleScramSecretAssociation:SingleScramSecretAssociation",
      ],
      label: "@pulumi/aws msk SCRAM secret associations",
      reason: "client credentials",
    },
    {
      types: ["aws:msk/vpcConnection:VpcConnection"],
      label: "@pulumi/aws msk.VpcConnection",
      reason: "network access",
    },
    {
      types: ["aws:msk/serverlessCluster:ServerlessCluster"],
      label: "@pulumi/aws msk.ServerlessCluster",
      reason: MSK_SERVERLESS,
    },
    { types: ["aws:msk/channel:Channel"], label: "@pulumi/aws msk.Channel", reason: MSK_CHANNEL },
    { types: ["aws:msk/replicator:Replicator"], label: "@pulumi/aws msk.Replicator", reason: MSK_REPLICATOR },
  ],
};
