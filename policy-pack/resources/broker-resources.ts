import {
  AUTO_CREATE_TOPICS,
  type BrokerDeclaration,
  type BrokerEntries,
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  UNCLEAN_LEADER_ELECTION,
  describeValue,
  parseJavaProperties,
} from "../../core";
import { type Props, isRecord, kubernetesName, recordAt, stringAt, strimziTypes } from "./props";

/** How one provider's resource declares broker-wide defaults. Matched by type token. */
export interface BrokerConfigShape {
  types: readonly string[];
  /** The resource as users know it, for the coverage table. */
  label: string;
  read(props: Props, resourceName: string): BrokerDeclaration;
}

export const MSK_CONFIGURATION_TYPE = "aws:msk/configuration:Configuration";

/** `aws.msk.Configuration`: `serverProperties` is server.properties text, read as java.util.Properties reads it. */
export const mskConfiguration: BrokerConfigShape = {
  types: [MSK_CONFIGURATION_TYPE],
  label: "@pulumi/aws msk.Configuration",
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
        [MIN_INSYNC_REPLICAS]: {
          unconfirmed: "MSK picks it from the cluster's Availability Zone count (lower for a cluster in 2 zones)",
        },
        [UNCLEAN_LEADER_ELECTION]: {
          unconfirmed: "MSK's own default applies, which this configuration does not pin to false",
        },
      },
    };
  },
};

export const STRIMZI_KAFKA_TYPES = strimziTypes("Kafka");

/** A Strimzi `Kafka` custom resource: broker config in spec.kafka.config (typed YAML values). */
export const strimziKafka: BrokerConfigShape = {
  types: STRIMZI_KAFKA_TYPES,
  label: "Strimzi Kafka (@pulumi/kubernetes)",
  read(props, resourceName) {
    return {
      subject: `Strimzi Kafka "${kubernetesName(props).name ?? resourceName}"`,
      entries(): BrokerEntries {
        const config = recordAt(props, "spec")["kafka"];
        const entries = isRecord(config) ? config["config"] : undefined;
        if (entries === undefined || entries === null) return { ok: true, entries: {} };
        return isRecord(entries)
          ? { ok: true, entries }
          : { ok: false, problem: `spec.kafka.config is ${describeValue(entries)}, not a key/value map` };
      },
      fix: (key, value) => `set spec.kafka.config["${key}"] to ${value}`,
    };
  },
};

export const BROKER_CONFIG_SHAPES: readonly BrokerConfigShape[] = [mskConfiguration, strimziKafka];

export function brokerConfigShapeFor(type: string): BrokerConfigShape | undefined {
  return BROKER_CONFIG_SHAPES.find((shape) => shape.types.includes(type));
}
