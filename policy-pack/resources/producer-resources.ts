import { type Props, isRecord, kubernetesName, recordAt, stringAt, strimziTypes } from "./props";

/** One config map of a resource that holds producer settings, and the prefix that marks them there. */
export interface ProducerConfigPlace {
  /** Names the resource in messages, e.g. `Kafka Connect "connect"`. */
  subject: string;
  /** Read only when checked, so a value unknown during preview affects this place alone. */
  config(): unknown;
  /** "producer." in a Connect worker config, "producer.override." in a connector config. */
  prefix: string;
  /** Where a key lives, as users write it, e.g. `spec.config["producer.acks"]`. */
  where(key: string): string;
}

/** How one resource type carries producer settings for Kafka Connect or MirrorMaker 2. Matched by type token. */
export interface ProducerConfigShape {
  types: readonly string[];
  label: string;
  places(props: Props, resourceName: string): ProducerConfigPlace[];
}

const WORKER_PREFIX = "producer.";
const CONNECTOR_PREFIX = "producer.override.";

function configPlace(subject: string, config: () => unknown, prefix: string, path: string): ProducerConfigPlace {
  return { subject, config, prefix, where: (key) => `${path}["${key}"]` };
}

function strimziSubject(kind: string, props: Props, resourceName: string): string {
  return `${kind} "${kubernetesName(props).name ?? resourceName}"`;
}

/** Strimzi `KafkaConnect`: spec.config is the worker config; its producer.* keys apply to source connectors. */
export const strimziKafkaConnect: ProducerConfigShape = {
  types: strimziTypes("KafkaConnect"),
  label: "Strimzi KafkaConnect (@pulumi/kubernetes)",
  places: (props, name) => [
    configPlace(
      strimziSubject("Kafka Connect", props, name),
      () => recordAt(props, "spec")["config"],
      WORKER_PREFIX,
      "spec.config",
    ),
  ],
};

/** Strimzi `KafkaConnector`: spec.config is the connector config; producer.override.* keys replace worker settings. */
export const strimziKafkaConnector: ProducerConfigShape = {
  types: strimziTypes("KafkaConnector"),
  label: "Strimzi KafkaConnector (@pulumi/kubernetes)",
  places: (props, name) => [
    configPlace(
      strimziSubject("Kafka connector", props, name),
      () => recordAt(props, "spec")["config"],
      CONNECTOR_PREFIX,
      "spec.config",
    ),
  ],
};

const MIRROR_CONNECTORS = ["sourceConnector", "checkpointConnector", "heartbeatConnector"] as const;

/**
 * Strimzi `KafkaMirrorMaker2`: the Connect cluster's config (spec.targetCluster.config, or the spec.clusters entry
 * named by spec.connectCluster) is the worker config; each mirror's connector config takes producer.override.*.
 */
export const strimziKafkaMirrorMaker2: ProducerConfigShape = {
  types: strimziTypes("KafkaMirrorMaker2"),
  label: "Strimzi KafkaMirrorMaker2 (@pulumi/kubernetes)",
  places(props, name) {
    const subject = strimziSubject("MirrorMaker 2", props, name);
    const spec = recordAt(props, "spec");
    const places: ProducerConfigPlace[] = [];
    const target = spec["targetCluster"];
    if (isRecord(target)) {
      places.push(configPlace(subject, () => target["config"], WORKER_PREFIX, "spec.targetCluster.config"));
    }
    const clusters = Array.isArray(spec["clusters"]) ? spec["clusters"] : [];
    const connectCluster = stringAt(spec, "connectCluster");
    clusters.forEach((cluster: unknown, index) => {
      if (isRecord(cluster) && cluster["alias"] === connectCluster) {
        places.push(configPlace(subject, () => cluster["config"], WORKER_PREFIX, `spec.clusters[${index}].config`));
      }
    });
    const mirrors = Array.isArray(spec["mirrors"]) ? spec["mirrors"] : [];
    mirrors.forEach((mirror: unknown, index) => {
      if (!isRecord(mirror)) return;
      for (const connector of MIRROR_CONNECTORS) {
        const config = () => recordAt(mirror, connector)["config"];
        places.push(configPlace(subject, config, CONNECTOR_PREFIX, `spec.mirrors[${index}].${connector}.config`));
      }
    });
    return places;
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
      configPlace(subject, () => props[key], CONNECTOR_PREFIX, key),
    );
  },
};

export const PRODUCER_CONFIG_SHAPES: readonly ProducerConfigShape[] = [
  strimziKafkaConnect,
  strimziKafkaConnector,
  strimziKafkaMirrorMaker2,
  confluentConnector,
];

export function producerShapeFor(type: string): ProducerConfigShape | undefined {
  return PRODUCER_CONFIG_SHAPES.find((shape) => shape.types.includes(type));
}
