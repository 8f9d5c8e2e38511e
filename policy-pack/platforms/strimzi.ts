import {
  type BrokerEntries,
  type ClusterDeclaration,
  type ConfigNaming,
  brokerCount,
  describeBrokerDurability,
  describeValue,
  nodePoolBrokerCount,
} from "../../core";
import { brokerConfigShape } from "../resources/broker-resources";
import type { ClusterShape, StackResource } from "../resources/cluster-resources";
import { type ProducerConfigPlace, type ProducerConfigShape, configPlace } from "../resources/producer-resources";
import {
  type Props,
  type ResourceKind,
  isRecord,
  kubernetesName,
  mergeAt,
  namespacedKey,
  recordAt,
  stringAt,
  strimziClusterLabel,
  strimziTypes,
  valueAt,
} from "../resources/props";
import type { TopicResourceShape } from "../resources/topic-resources";
import type { PlatformAdapter } from "./platform";

/**
 * Strimzi's custom resources (kafka.strimzi.io v1beta2, and v1 from Strimzi 0.49), declared with @pulumi/kubernetes
 * as a CustomResource or rendered from YAML (ConfigFile/ConfigGroup children get the same type token).
 */

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
        : { kind: "strimzi-label", key: namespacedKey(cluster, kubernetesName(props).namespace) };
    },
  },
  inheritsFromStack: true,
};

const STRIMZI_KAFKA_TYPES = strimziTypes("Kafka");

/** A Strimzi `Kafka` custom resource: broker config in spec.kafka.config (typed YAML values). */
export const strimziKafka = brokerConfigShape({
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
});

const STRIMZI_NODE_POOL: ResourceKind = {
  types: strimziTypes("KafkaNodePool"),
  label: "Strimzi KafkaNodePool (@pulumi/kubernetes)",
};

function hasRole(pool: StackResource, role: string): boolean {
  const roles = recordAt(pool.props, "spec")["roles"];
  return Array.isArray(roles) && roles.includes(role);
}

/** A Strimzi `Kafka` as a cluster: its brokers (spec.kafka.replicas, or its broker-role node pools) and config. */
const strimziCluster: ClusterShape = {
  types: STRIMZI_KAFKA_TYPES,
  label: strimziKafka.label,
  reachedBy: ["strimzi-label", "dependencies"],
  countsBrokers: true,
  // The Kafka resource holds its own broker config.
  brokerConfigFrom: [strimziKafka],
  brokerCountFrom: [STRIMZI_NODE_POOL],
  read(resource, resources, attempt) {
    const { props } = resource;
    const { name = resource.name, namespace } = kubernetesName(props);
    const subject = `Strimzi Kafka "${name}"`;
    const pools = resources.filter(
      (r) =>
        STRIMZI_NODE_POOL.types.includes(r.type) &&
        attempt(() => strimziClusterLabel(r.props) === name && kubernetesName(r.props).namespace === namespace),
    );
    const replicas = attempt(() => valueAt(props, ["spec", "kafka", "replicas"]));
    const annotations = recordAt(recordAt(props, "metadata"), "annotations");
    // Node pools decide the brokers when enabled (always in the v1 API), or when Kafka has no replicas of its own.
    const usesNodePools =
      annotations["strimzi.io/node-pools"] === "enabled" ||
      resource.type.includes("/v1:") ||
      replicas === undefined ||
      replicas === null ||
      pools.length > 0;
    const brokerPools = pools.filter((pool) => attempt(() => hasRole(pool, "broker")));
    let capacity: ClusterDeclaration | undefined;
    if (!usesNodePools) {
      capacity = {
        subject,
        brokersKey: "spec.kafka.replicas",
        brokers: brokerCount(replicas),
        fix: (brokers) => `set spec.kafka.replicas to ${brokers} or more`,
      };
    } else if (brokerPools.length > 0) {
      const names = brokerPools.map((pool) => `"${kubernetesName(pool.props).name ?? pool.name}"`).join(", ");
      capacity = {
        subject,
        brokersKey: `replicas of broker-role KafkaNodePools ${names}`,
        get brokers() {
          return nodePoolBrokerCount(
            brokerPools.map((pool) => ({
              name: kubernetesName(pool.props).name ?? pool.name,
              replicas: recordAt(pool.props, "spec")["replicas"],
            })),
          );
        },
        fix: (brokers) => `give the broker-role KafkaNodePools of ${subject} ${brokers} or more replicas in total`,
      };
    }
    return {
      urn: resource.urn,
      subject,
      capacity,
      brokerConfig: describeBrokerDurability(strimziKafka.read(props, resource.name)),
      namedAs: { kind: "strimzi-label", key: namespacedKey(name, namespace) },
    };
  },
};

function strimziSubject(kind: string, props: Props, resourceName: string): string {
  return `${kind} "${kubernetesName(props).name ?? resourceName}"`;
}

/** Strimzi `KafkaConnect`: spec.config is the worker config; its producer.* keys apply to source connectors. */
export const strimziKafkaConnect: ProducerConfigShape = {
  types: strimziTypes("KafkaConnect"),
  label: "Strimzi KafkaConnect (@pulumi/kubernetes)",
  roles: ["worker"],
  places: (props, name) => [
    configPlace(
      strimziSubject("Kafka Connect", props, name),
      () => recordAt(props, "spec")["config"],
      "worker",
      "spec.config",
    ),
  ],
};

/** Strimzi `KafkaConnector`: spec.config is the connector config; producer.override.* keys replace worker settings. */
export const strimziKafkaConnector: ProducerConfigShape = {
  types: strimziTypes("KafkaConnector"),
  label: "Strimzi KafkaConnector (@pulumi/kubernetes)",
  roles: ["connector"],
  places: (props, name) => [
    configPlace(
      strimziSubject("Kafka connector", props, name),
      () => recordAt(props, "spec")["config"],
      "connector",
      "spec.config",
    ),
  ],
};

/** MirrorMaker 2's connectors, by their key in a mirror, with the role of their config. */
const MIRROR_CONNECTORS = {
  sourceConnector: "mirror-source",
  checkpointConnector: "mirror-checkpoint",
  heartbeatConnector: "mirror-heartbeat",
} as const;

/**
 * Strimzi `KafkaMirrorMaker2`: the Connect cluster's config (spec.targetCluster.config, or the spec.clusters entry
 * named by spec.connectCluster) is the worker config; each mirror's connector config takes producer.override.*.
 */
export const strimziKafkaMirrorMaker2: ProducerConfigShape = {
  types: strimziTypes("KafkaMirrorMaker2"),
  label: "Strimzi KafkaMirrorMaker2 (@pulumi/kubernetes)",
  roles: ["worker", ...Object.values(MIRROR_CONNECTORS)],
  places(props, name) {
    const subject = strimziSubject("MirrorMaker 2", props, name);
    const spec = recordAt(props, "spec");
    const places: ProducerConfigPlace[] = [];
    const target = spec["targetCluster"];
    if (isRecord(target)) {
      places.push(configPlace(subject, () => target["config"], "worker", "spec.targetCluster.config"));
    }
    const clusters = Array.isArray(spec["clusters"]) ? spec["clusters"] : [];
    const connectCluster = stringAt(spec, "connectCluster");
    clusters.forEach((cluster: unknown, index) => {
      if (isRecord(cluster) && cluster["alias"] === connectCluster) {
        places.push(configPlace(subject, () => cluster["config"], "worker", `spec.clusters[${index}].config`));
      }
    });
    const mirrors = Array.isArray(spec["mirrors"]) ? spec["mirrors"] : [];
    mirrors.forEach((mirror: unknown, index) => {
      if (!isRecord(mirror)) return;
      for (const [connector, role] of Object.entries(MIRROR_CONNECTORS)) {
        // A connector declared without a config runs on its defaults; one not declared is not read.
        const config = () => {
          const declared = mirror[connector];
          return isRecord(declared) ? (declared["config"] ?? {}) : undefined;
        };
        places.push(configPlace(subject, config, role, `spec.mirrors[${index}].${connector}.config`));
      }
    });
    return places;
  },
};

/**
 * The producer config of a Strimzi resource that produces as a plain Kafka producer (keys without a prefix), at
 * spec.producer.config: Strimzi adds no producer defaults of its own (KafkaBridgeProducerConfiguration), so Kafka's
 * durable client defaults apply to what is not set. spec.consumer.config is not read: kafkaguard has no consumer
 * policy, for these or for Connect's consumers.
 */
function producerConfigShape(types: readonly string[], kind: string, subjectKind: string): ProducerConfigShape {
  return {
    types,
    label: `Strimzi ${kind} (@pulumi/kubernetes)`,
    roles: ["producer"],
    places: (props, name) => [
      configPlace(
        strimziSubject(subjectKind, props, name),
        () => recordAt(recordAt(props, "spec"), "producer")["config"],
        "producer",
        "spec.producer.config",
      ),
    ],
  };
}

/** Strimzi `KafkaBridge` (046-Crd-kafkabridge.yaml): the HTTP bridge's producers take spec.producer.config. */
export const strimziKafkaBridge = producerConfigShape(strimziTypes("KafkaBridge"), "KafkaBridge", "Kafka Bridge");

/**
 * Strimzi `KafkaMirrorMaker` (MirrorMaker 1, v1beta2 only, removed in Strimzi 0.46; 045-Crd-kafkamirrormaker.yaml of
 * 0.45): spec.producer.config is its producer's config.
 */
export const strimziKafkaMirrorMaker = producerConfigShape(
  ["kubernetes:kafka.strimzi.io/v1beta2:KafkaMirrorMaker"],
  "KafkaMirrorMaker",
  "MirrorMaker",
);

/** Strimzi on Kubernetes, through @pulumi/kubernetes. */
export const strimzi: PlatformAdapter = {
  platform: "Strimzi (@pulumi/kubernetes)",
  topics: [strimziKafkaTopic],
  brokerConfigs: [strimziKafka],
  clusters: [strimziCluster],
  producerConfigs: [
    strimziKafkaConnect,
    strimziKafkaConnector,
    strimziKafkaMirrorMaker2,
    strimziKafkaBridge,
    strimziKafkaMirrorMaker,
  ],
  nothingToCheck: [
    {
      types: strimziTypes("KafkaUser"),
      label: "Strimzi KafkaUser (@pulumi/kubernetes)",
      reason: "a client's credentials, ACLs and quotas",
    },
    {
      types: strimziTypes("KafkaRebalance"),
      label: "Strimzi KafkaRebalance (@pulumi/kubernetes)",
      reason: "moves replicas between brokers; replication factors and topic configs stay as they are",
    },
    {
      types: ["kubernetes:core.strimzi.io/v1beta2:StrimziPodSet", "kubernetes:core.strimzi.io/v1:StrimziPodSet"],
      label: "Strimzi StrimziPodSet (@pulumi/kubernetes)",
      reason: "the pods the operator creates for a Kafka or node pool, which decide the broker count",
    },
  ],
};
