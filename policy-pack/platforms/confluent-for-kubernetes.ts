import {
  type BrokerEntries,
  type ConfigNaming,
  brokerCount,
  describeBrokerDurability,
  describeValue,
  parseJavaProperties,
} from "../../core";
import type { BrokerConfigShape } from "../resources/broker-resources";
import type { ClusterShape } from "../resources/cluster-resources";
import { type ProducerConfigShape, configPlace } from "../resources/producer-resources";
import { type Props, kubernetesName, mergeAt, namespacedKey, recordAt, stringAt } from "../resources/props";
import type { TopicResourceShape } from "../resources/topic-resources";
import type { PlatformAdapter } from "./platform";

/**
 * Confluent for Kubernetes (platform.confluent.io/v1beta1), declared with @pulumi/kubernetes as a CustomResource or
 * rendered from YAML: a `KafkaTopic` has spec.name (default metadata.name), spec.replicas, spec.partitionCount,
 * spec.configs (a string map) and spec.kafkaClusterRef {name, namespace}; a `Kafka` has spec.replicas (its brokers)
 * and spec.configOverrides.server, a list of "key=value" server.properties lines.
 */
const cfkTypes = (kind: string) => [`kubernetes:platform.confluent.io/v1beta1:${kind}`];

const CFK_TOPIC_NAMING: ConfigNaming = {
  settingKey: (kafkaKey) => `spec.configs["${kafkaKey}"]`,
  fixKey: (kafkaKey) => `spec.configs["${kafkaKey}"]`,
  value: (_kafkaKey, value) => JSON.stringify(value),
};

export const cfkKafkaTopic: TopicResourceShape = {
  types: cfkTypes("KafkaTopic"),
  label: "Confluent for Kubernetes KafkaTopic (@pulumi/kubernetes)",
  read(props, resourceName) {
    return {
      get topicName() {
        return stringAt(recordAt(props, "spec"), "name") ?? kubernetesName(props).name ?? resourceName;
      },
      replicationFactorKey: "spec.replicas",
      naming: CFK_TOPIC_NAMING,
      get replicationFactor() {
        return recordAt(props, "spec")["replicas"];
      },
      get config() {
        return recordAt(props, "spec")["configs"];
      },
    };
  },
  apply(props: Props, fix) {
    const fixed = fix.config === undefined ? props : mergeAt(props, ["spec", "configs"], fix.config);
    return fix.replicationFactor === undefined ? fixed : mergeAt(fixed, ["spec"], { replicas: fix.replicationFactor });
  },
  link: {
    kind: "cfk-cluster-ref",
    of(props) {
      const ref = recordAt(recordAt(props, "spec"), "kafkaClusterRef");
      const name = stringAt(ref, "name");
      return name === undefined
        ? undefined
        : {
            kind: "cfk-cluster-ref",
            key: namespacedKey(name, stringAt(ref, "namespace") ?? kubernetesName(props).namespace),
          };
    },
  },
  inheritsFromStack: true,
};

/** spec.configOverrides.server of a CFK component: "key=value" lines of its server (or worker) properties. */
function serverOverrides(props: Props): BrokerEntries {
  const server = recordAt(recordAt(props, "spec"), "configOverrides")["server"];
  if (server === undefined || server === null) return { ok: true, entries: {} };
  if (!Array.isArray(server) || !server.every((line) => typeof line === "string")) {
    return {
      ok: false,
      problem: `spec.configOverrides.server is ${describeValue(server)}, not a list of "key=value" lines`,
    };
  }
  const parsed = parseJavaProperties(server.join("\n"));
  return parsed.ok
    ? { ok: true, entries: parsed.entries }
    : { ok: false, problem: `spec.configOverrides.server: ${parsed.problem}` };
}

/** A CFK `Kafka`: its broker config is the server.properties lines of spec.configOverrides.server. */
export const cfkKafka: BrokerConfigShape = {
  types: cfkTypes("Kafka"),
  label: "Confluent for Kubernetes Kafka (@pulumi/kubernetes)",
  read(props, resourceName) {
    return {
      subject: `Confluent for Kubernetes Kafka "${kubernetesName(props).name ?? resourceName}"`,
      entries: () => serverOverrides(props),
      fix: (key, value) => `add "${key}=${value}" to spec.configOverrides.server`,
    };
  },
};

const cfkCluster: ClusterShape = {
  types: cfkKafka.types,
  label: cfkKafka.label,
  reachedBy: ["cfk-cluster-ref"],
  countsBrokers: true,
  brokerConfigFrom: [cfkKafka],
  read(resource) {
    const { props } = resource;
    const { name = resource.name, namespace } = kubernetesName(props);
    const subject = `Confluent for Kubernetes Kafka "${name}"`;
    return {
      urn: resource.urn,
      subject,
      capacity: {
        subject,
        brokersKey: "spec.replicas",
        get brokers() {
          return brokerCount(recordAt(props, "spec")["replicas"]);
        },
        fix: (brokers) => `set spec.replicas to ${brokers} or more`,
      },
      brokerConfig: describeBrokerDurability(cfkKafka.read(props, resource.name)),
      namedAs: { kind: "cfk-cluster-ref", key: namespacedKey(name, namespace) },
    };
  },
};

/**
 * A CFK `Connect`: its worker config is spec.configOverrides.server, like a Kafka's server properties; lines that
 * cannot be read are left to the owner (the broker policies report the same problem on a Kafka).
 */
export const cfkConnect: ProducerConfigShape = {
  types: cfkTypes("Connect"),
  label: "Confluent for Kubernetes Connect (@pulumi/kubernetes)",
  places(props, name) {
    const subject = `Kafka Connect "${kubernetesName(props).name ?? name}"`;
    const worker = configPlace(
      subject,
      () => {
        const read = serverOverrides(props);
        return read.ok ? read.entries : undefined;
      },
      "worker",
      "spec.configOverrides.server",
    );
    return [{ ...worker, where: (key: string) => `the "${key}" line of spec.configOverrides.server` }];
  },
};

/** A CFK `Connector`: spec.configs is the connector config (string map). */
export const cfkConnector: ProducerConfigShape = {
  types: cfkTypes("Connector"),
  label: "Confluent for Kubernetes Connector (@pulumi/kubernetes)",
  places(props, name) {
    const subject = `Kafka connector "${stringAt(recordAt(props, "spec"), "name") ?? kubernetesName(props).name ?? name}"`;
    return [configPlace(subject, () => recordAt(props, "spec")["configs"], "connector", "spec.configs")];
  },
};

export const confluentForKubernetes: PlatformAdapter = {
  platform: "Confluent for Kubernetes (@pulumi/kubernetes)",
  topics: [cfkKafkaTopic],
  brokerConfigs: [cfkKafka],
  clusters: [cfkCluster],
  producerConfigs: [cfkConnect, cfkConnector],
  nothingToCheck: [
    {
      types: cfkTypes("KafkaRestClass"),
      label: "Confluent for Kubernetes KafkaRestClass (@pulumi/kubernetes)",
      reason: "how the operator reaches a cluster's REST API",
    },
    {
      types: cfkTypes("ConfluentRolebinding"),
      label: "Confluent for Kubernetes ConfluentRolebinding (@pulumi/kubernetes)",
      reason: "access control, not storage",
    },
  ],
};
